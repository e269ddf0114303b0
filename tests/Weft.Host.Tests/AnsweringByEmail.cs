using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Weft.Flow.Automation;
using Weft.Host.Tests.Infrastructure;
using Weft.Support;
using Weft.Support.Email;
using Weft.Testing;
using Weft.Testing.FakeProviders;

namespace Weft.Host.Tests;

/// <summary>
/// The support desk's email channel: a customer's mail read from the IMAP inbox (or posted to the inbound webhook)
/// starts a conversation over email; a person's reply leaves by SMTP threaded under it (In-Reply-To, References, the
/// ticket marker in the subject); the customer's answer to that reply joins the same conversation with the quoted
/// history cut off. A mail is stored once, marked seen only once stored, and a reply written while the mail server is
/// down is sent when it is back.
/// </summary>
public sealed class AnsweringByEmail
{
    private const long Tenant = 1;

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task An_email_reply_is_threaded_into_its_conversation(string provider)
    {
        await using var smtp = LocalSmtpServer.Start();
        await using var imap = LocalImapServer.Start();
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", Mailbox(smtp.Port, imap));
        var poller = api.Services.GetRequiredService<MailboxPoller>();
        var outbox = api.Services.GetRequiredService<EmailOutbox>();
        // Whenever the poller marks a mail seen, the mail is already stored.
        var storedWhenSeen = new List<bool>();
        imap.OnSeen = async mail => storedWhenSeen.Add(await StoredAsync(api, MimeMessage.Load(new MemoryStream(mail.Raw)).MessageId!));

        imap.Deliver(Mail("Ines Duarte <ines@example.com>", "Saddle bag strap broke", "Hello,\nthe strap of my saddle bag broke after a week.\nInes", "first-1@example.com"));
        var polled = await poller.PollAsync(Tenant, CancellationToken.None);
        polled.Single().Outcome.ShouldBe("started");
        imap.Inbox.Single().Seen.ShouldBeTrue();
        var id = polled[0].Conversation!.Value;
        var detail = await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}");
        detail["conversation"]!["channel"]!.GetValue<string>().ShouldBe("email");
        detail["conversation"]!["customerEmail"]!.GetValue<string>().ShouldBe("ines@example.com");
        detail["conversation"]!["customerName"]!.GetValue<string>().ShouldBe("Ines Duarte");
        detail["conversation"]!["subject"]!.GetValue<string>().ShouldBe("Saddle bag strap broke");
        detail["conversation"]!["number"]!.GetValue<long>().ShouldBe(1001);
        detail["messages"]![0]!["body"]!.GetValue<string>().ShouldBe("Hello,\nthe strap of my saddle bag broke after a week.\nInes");

        // The same mail fetched again (a person marked it unread in their mail client) is stored once.
        imap.MarkUnseen(imap.Inbox.Single().Uid);
        (await poller.PollAsync(Tenant, CancellationToken.None)).Single().Outcome.ShouldBe("repeat");
        imap.Inbox.Single().Seen.ShouldBeTrue();
        (await CustomerBodiesAsync(api, id)).Count.ShouldBe(1);

        // A person replies; the reply leaves by SMTP under the customer's mail.
        var reply = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Sorry to hear that! A new strap is on its way." });
        reply["delivery"]!.GetValue<string>().ShouldBe("pending");
        (await outbox.SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(1);
        var sent = smtp.Messages.Single();
        sent.Subject.ShouldBe("Re: Saddle bag strap broke [#1001]");
        sent.InReplyTo.ShouldBe("first-1@example.com");
        sent.References.ShouldBe(["first-1@example.com"]);
        sent.From.Mailboxes.Single().Address.ShouldBe("support@shop.test");
        sent.To.Mailboxes.Single().Address.ShouldBe("ines@example.com");
        sent.TextBody!.Trim().ShouldBe("Sorry to hear that! A new strap is on its way.");
        sent.MessageId.ShouldNotBeNullOrEmpty();
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray()
            .Single(m => m!["kind"]!.GetValue<string>() == "agent")!["delivery"]!.GetValue<string>().ShouldBe("sent");
        (await outbox.SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(0);
        smtp.Messages.Count.ShouldBe(1);

        // The customer answers that mail; their client drops the marker from the subject and quotes the reply.
        var answer = Mail("Ines Duarte <ines@example.com>", "Re: Saddle bag strap broke", """
            Thank you, that was quick!

            On Mon, 2 Nov 2026 at 08:00, Shop Support <support@shop.test> wrote:
            > Sorry to hear that! A new strap is on its way.
            """, "second-2@example.com");
        answer.InReplyTo = sent.MessageId;
        answer.References.Add("first-1@example.com");
        answer.References.Add(sent.MessageId);
        imap.Deliver(answer);
        var threaded = (await poller.PollAsync(Tenant, CancellationToken.None)).Single();
        threaded.Outcome.ShouldBe("threaded");
        threaded.Conversation.ShouldBe(id);
        (await CustomerBodiesAsync(api, id)).ShouldBe(["Hello,\nthe strap of my saddle bag broke after a week.\nInes", "Thank you, that was quick!"]);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations"))["items"]!.AsArray().Count.ShouldBe(1);
        imap.Inbox.ShouldAllBe(m => m.Seen);
        storedWhenSeen.ShouldBe([true, true, true]);

        // The next reply answers the customer's latest mail and names the whole chain.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "You're welcome!" });
        (await outbox.SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(1);
        var second = smtp.Messages[1];
        second.InReplyTo.ShouldBe("second-2@example.com");
        second.References.ShouldBe(["first-1@example.com", sent.MessageId, "second-2@example.com"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_mail_service_posts_raw_mails_to_the_inbound_webhook(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", Mailbox(smtpPort: 25, imap: null));

        var first = Mail("Ana Silva <ana@example.com>", "Invoice missing", "Where is the invoice for order 5521?", "inv-1@example.com");
        var started = await (await PostRawAsync(api, first)).ShouldBeOkAsync(HttpStatusCode.Created);
        started["outcome"]!.GetValue<string>().ShouldBe("started");
        started["number"]!.GetValue<long>().ShouldBe(1001);
        var id = started["conversation"]!.GetValue<long>();
        var repeat = await (await PostRawAsync(api, first)).ShouldBeOkAsync(HttpStatusCode.OK);
        repeat["outcome"]!.GetValue<string>().ShouldBe("repeat");
        repeat["conversation"]!.GetValue<long>().ShouldBe(id);

        // No headers to thread by, but the ticket marker, from the same customer; an HTML-only mail is read as text.
        var html = new MimeMessage { MessageId = "inv-2@example.com", Subject = "Re: Invoice missing [#1001]" };
        html.From.Add(MailboxAddress.Parse("ana@example.com"));
        html.To.Add(MailboxAddress.Parse("support@shop.test"));
        html.Body = new TextPart("html") { Text = "<html><body><p>Found it, <b>thanks</b>!</p><blockquote>Where is the invoice?</blockquote></body></html>" };
        var marked = await (await PostRawAsync(api, html)).ShouldBeOkAsync(HttpStatusCode.OK);
        marked["outcome"]!.GetValue<string>().ShouldBe("threaded");
        marked["conversation"]!.GetValue<long>().ShouldBe(id);
        (await CustomerBodiesAsync(api, id)).ShouldBe(["Where is the invoice for order 5521?", "Found it, thanks!"]);

        // The marker from someone else is not enough: a conversation of their own.
        var other = await (await PostRawAsync(api, Mail("mallory@example.com", "Re: Invoice missing [#1001]", "Send me Ana's invoice.", "m-1@example.com")))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        other["number"]!.GetValue<long>().ShouldBe(1002);

        // A mail answering a closed conversation starts a new one.
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/status", new { status = "closed" });
        var late = Mail("ana@example.com", "Re: Invoice missing [#1001]", "One more thing about that invoice.", "inv-3@example.com");
        late.InReplyTo = "inv-1@example.com";
        var reopened = await (await PostRawAsync(api, late)).ShouldBeOkAsync(HttpStatusCode.Created);
        reopened["outcome"]!.GetValue<string>().ShouldBe("started");
        reopened["number"]!.GetValue<long>().ShouldBe(1003);

        // An autoresponder's mail is not taken in (it would answer our answer, and so on).
        var away = Mail("ana@example.com", "Out of office", "I am away until Monday.", "away-1@example.com");
        away.Headers.Add("Auto-Submitted", "auto-replied");
        (await (await PostRawAsync(api, away)).ShouldBeOkAsync(HttpStatusCode.OK))["outcome"]!.GetValue<string>().ShouldBe("ignored");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations"))["items"]!.AsArray().Count.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task The_AI_answer_to_an_email_goes_back_by_email(string provider)
    {
        await using var smtp = LocalSmtpServer.Start();
        await using var fake = await FakeProviderServer.StartAsync();
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", Mailbox(smtp.Port, imap: null));
        await AnsweringFromKnowledge.SetUpAsync(api, fake, maxToolRounds: 0);
        await AnsweringFromKnowledge.UploadAsync(api, "policies", "policies.md", "# Store policies\n\n## Refunds\n\nRefunds are paid within 30 days to the card used for the order.\n");
        await api.OkAsync(HttpMethod.Post, "/api/v1/agents",
            new { key = "answerer", name = "Answerer", kind = "ai", capabilities = new[] { new { name = "support-answering", level = 1 } }, wipLimit = 5 });
        await api.OkAsync(HttpMethod.Post, "/api/v1/ai/agents", new { agent = "answerer", models = new[] { "chat" }, knowledge = new[] { "policies" }, maxToolRounds = 0 });
        fake.ScriptFor("chat-model", Reply.Text(new JsonObject
        {
            ["reply"] = "Refunds are paid within 30 days to your card [1].", ["confidence"] = 0.92, ["summary"] = "Asked about refunds.", ["needsPerson"] = false,
        }.ToJsonString()));

        var started = await (await PostRawAsync(api, Mail("ana@example.com", "Refund time", "How long do refunds take?", "refund-1@example.com")))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var runner = api.Services.GetRequiredService<AutomationRunner>();
        while (await runner.RunDueAsync(1) > 0)
        {
        }
        var ai = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{started["conversation"]!.GetValue<long>()}"))["messages"]!.AsArray()
            .Single(m => m!["kind"]!.GetValue<string>() == "ai")!;
        ai["delivery"]!.GetValue<string>().ShouldBe("pending");
        (await api.Services.GetRequiredService<EmailOutbox>().SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(1);
        var sent = smtp.Messages.Single();
        (sent.Subject, sent.InReplyTo).ShouldBe(("Re: Refund time [#1001]", "refund-1@example.com"));
        sent.TextBody!.Trim().ShouldBe("Refunds are paid within 30 days to your card [1].");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_reply_written_while_the_mail_server_is_down_is_sent_when_it_is_back(string provider)
    {
        var port = FreePort();
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", Mailbox(port, imap: null));
        var outbox = api.Services.GetRequiredService<EmailOutbox>();
        var started = await (await PostRawAsync(api, Mail("leo@example.com", "Wrong size", "I got an M instead of an L.", "size-1@example.com")))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var id = started["conversation"]!.GetValue<long>();

        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "We'll swap it: a label is attached." });
        (await outbox.SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(0);
        var kept = await AgentReplyAsync(api, id);
        (kept.DeliveryState, kept.DeliveryAttempts).ShouldBe(("pending", 1));
        kept.DeliveryError.ShouldNotBeNullOrEmpty();
        // Not due again yet: nothing is tried.
        (await outbox.SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(0);
        (await AgentReplyAsync(api, id)).DeliveryAttempts.ShouldBe(1);

        await using var smtp = LocalSmtpServer.Start(port);
        api.Clock.Advance(TimeSpan.FromMinutes(1));
        (await outbox.SendDueAsync(Tenant, CancellationToken.None)).ShouldBe(1);
        var sent = smtp.Messages.Single();
        sent.Subject.ShouldBe("Re: Wrong size [#1001]");
        sent.InReplyTo.ShouldBe("size-1@example.com");
        sent.TextBody!.Trim().ShouldBe("We'll swap it: a label is attached.");
        var done = await AgentReplyAsync(api, id);
        (done.DeliveryState, done.DeliveryAttempts, done.DeliveryError).ShouldBe(("sent", 2, null));
        done.ExternalId.ShouldBe(sent.MessageId);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Bad_mailbox_settings_or_an_unreadable_mail_change_nothing(string provider)
    {
        await using var imap = LocalImapServer.Start();
        await using var api = await WeftApi.StartAsync(provider);
        await (await api.SendAsync(HttpMethod.Get, "/api/v1/support/mailbox")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "mailbox_not_configured");
        var bad = await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/mailbox",
            new { address = "not-an-address", smtpHost = "", imapHost = "imap.example.com", imapPort = 70000, imapSecurity = "tls2" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        bad.ToJsonString().ShouldContain("address");
        await (await api.SendAsync(HttpMethod.Get, "/api/v1/support/mailbox")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "mailbox_not_configured");

        // Saved: the password is kept, never shown.
        var saved = await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", Mailbox(25, imap));
        saved["hasImapPassword"]!.GetValue<bool>().ShouldBeTrue();
        saved.ToJsonString().ShouldNotContain(imap.Password);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/mailbox")).ToJsonString().ShouldNotContain(imap.Password);
        // An IMAP host without a password to log in with, or a port out of range: refused, the saved one stays.
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/mailbox", new { address = "help@shop.test", smtpHost = "127.0.0.1", smtpPort = 0 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var still = await api.OkAsync(HttpMethod.Get, "/api/v1/support/mailbox");
        still["address"]!.GetValue<string>().ShouldBe("support@shop.test");
        still["version"]!.GetValue<int>().ShouldBe(saved["version"]!.GetValue<int>());

        // A wrong password: the poll fails, says why on the mailbox, and leaves the mail unseen.
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", Mailbox(25, imap, password: "wrong-password"));
        imap.Deliver(Mail("ines@example.com", "Hello", "Anyone there?", "hello-1@example.com"));
        (await api.Services.GetRequiredService<MailboxPoller>().PollAsync(Tenant, CancellationToken.None)).ShouldBeEmpty();
        imap.Inbox.Single().Seen.ShouldBeFalse();
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/mailbox"))["lastPollError"]!.GetValue<string>().ShouldNotBeNullOrEmpty();

        // The webhook: a body that is not a raw mail.
        await (await api.SendAsync(HttpMethod.Post, "/api/v1/support/email/inbound", new { raw = "x" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unsupported_content_type");
        await (await PostRawAsync(api, [])).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "mail_unreadable");
        await (await PostRawAsync(api, "this is not a mail at all"u8.ToArray())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "mail_unreadable");
        var anonymous = new MimeMessage { Subject = "No sender", MessageId = "nosender@example.com" };
        anonymous.Body = new TextPart("plain") { Text = "Who wrote this?" };
        await (await PostRawAsync(api, anonymous)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/conversations"))["items"]!.AsArray().ShouldBeEmpty();
    }

    private static object Mailbox(int smtpPort, LocalImapServer? imap, string? password = null) => new
    {
        address = "support@shop.test", displayName = "Shop Support", smtpHost = "127.0.0.1", smtpPort, smtpSecurity = "none",
        imapHost = imap is null ? null : "127.0.0.1", imapPort = imap?.Port, imapSecurity = "none", imapUserName = imap?.User,
        imapPassword = imap is null ? null : password ?? imap.Password,
    };

    private static MimeMessage Mail(string from, string subject, string text, string messageId)
    {
        var mail = new MimeMessage { Subject = subject, MessageId = messageId, Date = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero) };
        mail.From.Add(MailboxAddress.Parse(from));
        mail.To.Add(MailboxAddress.Parse("support@shop.test"));
        mail.Body = new TextPart("plain") { Text = text };
        return mail;
    }

    private static Task<HttpResponseMessage> PostRawAsync(WeftApi api, MimeMessage mail)
    {
        using var stream = new MemoryStream();
        mail.WriteTo(stream);
        return PostRawAsync(api, stream.ToArray());
    }

    private static async Task<HttpResponseMessage> PostRawAsync(WeftApi api, byte[] raw)
    {
        using var content = new ByteArrayContent(raw);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await api.Client.PostAsync("/api/v1/support/email/inbound", content);
    }

    private static async Task<List<string>> CustomerBodiesAsync(WeftApi api, long id) =>
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray()
        .Where(m => m!["kind"]!.GetValue<string>() == "customer").Select(m => m!["body"]!.GetValue<string>()).ToList();

    private static async Task<bool> StoredAsync(WeftApi api, string messageId)
    {
        await using var db = await api.Services.GetRequiredService<SupportDb>().OpenAsync(Tenant);
        return await db.Messages.AnyAsync(m => m.ExternalId == messageId);
    }

    private static async Task<Weft.Support.Persistence.MessageRecord> AgentReplyAsync(WeftApi api, long conversation)
    {
        await using var db = await api.Services.GetRequiredService<SupportDb>().OpenAsync(Tenant);
        return await db.Messages.AsNoTracking().SingleAsync(m => m.ConversationId == conversation && m.Kind == "agent");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
