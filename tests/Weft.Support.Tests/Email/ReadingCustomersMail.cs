using MimeKit;
using Weft.Support.Email;

namespace Weft.Support.Tests.Email;

public sealed class ReadingCustomersMail
{
    [Theory]
    [InlineData("Thanks!\n\nOn Mon, 2 Nov 2026 at 08:00, Shop <support@shop.test> wrote:\n> Your strap is on its way.\n> Shop", "Thanks!")]
    [InlineData("Thanks!\r\n\r\nOn Mon, 2 Nov 2026 at 08:00, Shop Support <support@shop.test>\r\nwrote:\r\n> Earlier", "Thanks!")]
    [InlineData("Yes, the tan one.\n> Which colour?\nAnd quickly please.", "Yes, the tan one.\nAnd quickly please.")]
    [InlineData("See below\n-----Original Message-----\nFrom: Shop", "See below")]
    [InlineData("Nothing quoted here.", "Nothing quoted here.")]
    public void The_quoted_history_is_cut_off(string text, string kept) => MailText.StripQuoted(text).ShouldBe(kept);

    [Fact]
    public void An_html_only_mail_is_read_as_text_without_its_quote_or_styles()
    {
        var mail = new MimeMessage
        {
            Body = new TextPart("html")
            {
                Text = "<html><head><style>p{color:red}</style></head><body><p>Hello &amp; thanks,</p><p>Ana</p><blockquote>old mail</blockquote></body></html>",
            },
        };
        MailText.Of(mail).ShouldBe("Hello & thanks,\nAna");
    }

    [Fact]
    public void A_mail_without_a_message_id_gets_the_same_one_each_time()
    {
        var mail = new MimeMessage { Subject = "No id" };
        mail.From.Add(MailboxAddress.Parse("ana@example.com"));
        mail.Body = new TextPart("plain") { Text = "Hi" };
        mail.Headers.Remove(HeaderId.MessageId);
        var id = InboundMail.MessageId(mail);
        id.ShouldEndWith("@weft.no-message-id");
        InboundMail.MessageId(mail).ShouldBe(id);
    }
}
