using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Weft.Host.Tests.Infrastructure;
using Weft.Support;
using Weft.Support.Email;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.SecurityFixtures;

namespace Weft.Host.Tests;

/// <summary>
/// Files on messages: the team uploads a file (raw, or as a form) and names it in a reply; the customer uploads through
/// the chat widget with the conversation's token; a customer's mail keeps its attachments. Each file is checked
/// against the tenant's limits (size, count, type, and leading bytes that agree with the type), and a refusal stores
/// nothing. The team downloads any file of the tenant, the customer those of their conversation, always as an
/// attachment that is never sniffed; a wrong token, or another tenant, finds nothing.
/// </summary>
public sealed class AttachingFiles
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_team_and_the_customer_attach_files_and_each_downloads_what_they_may(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using var visitor = api.CreateClient();
        var started = await WeftCaller.OkAsync(visitor, HttpMethod.Post, "/api/v1/support/widget/default/conversations",
            new { name = "Ines Duarte", email = "ines@example.com", message = "My invoice is wrong." });
        var id = started["conversation"]!.GetValue<long>();
        var token = started["token"]!.GetValue<string>();

        // The team uploads a PDF as the body and a PNG as a form, then replies with both.
        var pdf = await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=invoice-5521.pdf", Pdf, "application/pdf")).ShouldBeOkAsync(HttpStatusCode.Created);
        pdf["contentType"]!.GetValue<string>().ShouldBe("application/pdf");
        pdf["size"]!.GetValue<long>().ShouldBe(Pdf.Length);
        pdf["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Pdf)));
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(part, "file", "screenshot.png");
        var png = await (await api.Client.PostAsync("/api/v1/support/uploads", form)).ShouldBeOkAsync(HttpStatusCode.Created);
        var reply = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages",
            new { kind = "agent", body = "Here is the corrected invoice.", attachments = new[] { Id(pdf), Id(png) } });
        var listed = reply["attachments"]!.AsArray();
        listed.Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["invoice-5521.pdf", "screenshot.png"]);
        listed.Select(a => a!["contentType"]!.GetValue<string>()).ShouldBe(["application/pdf", "image/png"]);
        listed.Select(a => a!["size"]!.GetValue<long>()).ShouldBe([Pdf.Length, Png.Length]);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray()
            .Single(m => m!["kind"]!.GetValue<string>() == "agent")!["attachments"]!.AsArray().Count.ShouldBe(2);
        // An upload goes with one message only.
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Again", attachments = new[] { Id(pdf) } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "upload_not_usable");

        // The team downloads it: an attachment, never sniffed, the bytes as uploaded.
        var download = await api.Client.GetAsync($"/api/v1/support/attachments/{Id(pdf)}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("invoice-5521.pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        // The customer sees the files in the chat and downloads them with the conversation's token.
        var chat = await WeftCaller.OkAsync(visitor, HttpMethod.Get, $"/api/v1/support/widget/default/conversations/{id}?token={token}", null);
        chat["messages"]!.AsArray().Single(m => m!["kind"]!.GetValue<string>() == "agent")!["attachments"]!.AsArray().Count.ShouldBe(2);
        var theirs = await visitor.GetAsync($"/api/v1/support/widget/default/conversations/{id}/attachments/{Id(png)}?token={token}");
        theirs.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await theirs.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        theirs.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        theirs.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        await (await visitor.GetAsync($"/api/v1/support/widget/default/conversations/{id}/attachments/{Id(png)}?token=not-the-token"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");

        // A file on an internal note is the team's only.
        var memo = await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=memo.txt", "Refund approved by finance."u8.ToArray(), "text/plain"))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "note", body = "Finance says yes.", attachments = new[] { Id(memo) } });
        await (await visitor.GetAsync($"/api/v1/support/widget/default/conversations/{id}/attachments/{Id(memo)}?token={token}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "attachment_not_found");

        // The customer attaches a file from the widget; the team reads it; the customer cannot send the team's upload.
        var photo = await (await UploadAsync(visitor, $"/api/v1/support/widget/default/conversations/{id}/uploads?token={token}&name=receipt.png", Png, "image/png"))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var sent = await WeftCaller.OkAsync(visitor, HttpMethod.Post, $"/api/v1/support/widget/default/conversations/{id}/messages?token={token}",
            new { body = "My receipt.", attachments = new[] { Id(photo) } });
        sent["attachments"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("receipt.png");
        (await (await api.Client.GetAsync($"/api/v1/support/attachments/{Id(photo)}")).Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        var teams = await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=other.pdf", Pdf, "application/pdf")).ShouldBeOkAsync(HttpStatusCode.Created);
        await (await visitor.PostAsync($"/api/v1/support/widget/default/conversations/{id}/messages?token={token}",
                Json(new { body = "Mine now", attachments = new[] { Id(teams) } })))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "upload_not_usable");
        await (await UploadAsync(visitor, $"/api/v1/support/widget/default/conversations/{id}/uploads?token=nope&name=x.png", Png, "image/png"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");

        // Another tenant finds none of it, as its team or through its widget with this conversation's token.
        var (_, _, otherAdmin) = await TenantAsync(api, "other", "admin@other.test");
        using var other = api.CreateClient(otherAdmin);
        await (await other.GetAsync($"/api/v1/support/attachments/{Id(pdf)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "attachment_not_found");
        await (await visitor.GetAsync($"/api/v1/support/widget/other/conversations/{id}/attachments/{Id(png)}?token={token}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Each_limit_is_refused_with_its_code_and_nothing_is_stored(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var defaults = await api.OkAsync(HttpMethod.Get, "/api/v1/support/attachment-limits");
        defaults["maxFileBytes"]!.GetValue<long>().ShouldBe(10 * 1024 * 1024);
        defaults["maxFilesPerMessage"]!.GetValue<int>().ShouldBe(5);
        defaults["allowedTypes"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldContain("application/pdf");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/attachment-limits", new { maxFileBytes = 0, allowedTypes = new[] { "application/x-msdownload" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/attachment-limits", new { maxFileBytes = 1000, maxFilesPerMessage = 2, version = 0 });
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/attachment-limits", new { maxFileBytes = 2000, version = 0 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        var started = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { email = "ana@example.com" }, message = "Hello" });
        var id = started["conversation"]!["id"]!.GetValue<long>();

        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=big.txt", Enumerable.Repeat((byte)'a', 1001).ToArray(), "text/plain"))
            .ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "attachment_too_large");
        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=setup.exe", Exe, "application/x-msdownload"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment_type_not_allowed");
        // Renamed programs and files whose bytes are another type than their name says.
        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=invoice.pdf", Exe, "application/pdf"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment_content_mismatch");
        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=readme.txt", Exe, "text/plain"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment_content_mismatch");
        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=photo.png", Pdf, "image/png"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment_content_mismatch");
        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=empty.txt", [], "text/plain"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "attachment_empty");
        await (await UploadAsync(api.Client, "/api/v1/support/uploads", Pdf, "application/pdf")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        (await CountAsync(api)).ShouldBe((0, 0));

        // Three files where two are allowed: the message is refused, and the uploads wait for one that fits.
        var uploads = new List<long>();
        for (var i = 0; i < 3; i++)
            uploads.Add(Id(await (await UploadAsync(api.Client, $"/api/v1/support/uploads?name=page-{i}.pdf", Pdf, "application/pdf")).ShouldBeOkAsync(HttpStatusCode.Created)));
        await (await api.PostAsync($"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Three pages", attachments = uploads }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "too_many_attachments");
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray().Count.ShouldBe(1);
        var two = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages", new { kind = "agent", body = "Two pages", attachments = uploads.Take(2) });
        two["attachments"]!.AsArray().Count.ShouldBe(2);

        // A narrower allow-list refuses what the default took.
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/attachment-limits", new { allowedTypes = new[] { "image/png" } });
        await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=more.pdf", Pdf, "application/pdf"))
            .ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "attachment_type_not_allowed");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/attachment-limits"))["maxFileBytes"]!.GetValue<long>().ShouldBe(10 * 1024 * 1024);
        (await CountAsync(api)).ShouldBe((3, 3));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_customers_mail_keeps_its_attachments_and_a_reply_with_files_leaves_with_them(string provider)
    {
        await using var smtp = LocalSmtpServer.Start();
        await using var api = await WeftApi.StartAsync(provider);
        await api.OkAsync(HttpMethod.Put, "/api/v1/support/mailbox", new
        {
            address = "support@shop.test", displayName = "Shop Support", smtpHost = "127.0.0.1", smtpPort = smtp.Port, smtpSecurity = "none",
        });
        var mail = new MimeMessage { Subject = "Damaged strap", MessageId = "strap-1@example.com" };
        mail.From.Add(MailboxAddress.Parse("Ines Duarte <ines@example.com>"));
        mail.To.Add(MailboxAddress.Parse("support@shop.test"));
        var body = new BodyBuilder { TextBody = "The strap arrived torn, photo attached." };
        body.Attachments.Add("strap.png", Png, new MimeKit.ContentType("image", "png"));
        body.Attachments.Add("tool.exe", Exe, new MimeKit.ContentType("application", "octet-stream"));
        mail.Body = body.ToMessageBody();
        using var raw = new MemoryStream();
        mail.WriteTo(raw);
        using var content = new ByteArrayContent(raw.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        var started = await (await api.Client.PostAsync("/api/v1/support/email/inbound", content)).ShouldBeOkAsync(HttpStatusCode.Created);
        var id = started["conversation"]!.GetValue<long>();

        var messages = (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{id}"))["messages"]!.AsArray();
        var kept = messages.Single(m => m!["kind"]!.GetValue<string>() == "customer")!["attachments"]!.AsArray().Single()!;
        kept["name"]!.GetValue<string>().ShouldBe("strap.png");
        kept["contentType"]!.GetValue<string>().ShouldBe("image/png");
        (await (await api.Client.GetAsync($"/api/v1/support/attachments/{Id(kept)}")).Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        // What was left out is said to the team, not to the customer.
        messages.Single(m => m!["kind"]!.GetValue<string>() == "note")!["body"]!.GetValue<string>().ShouldContain("tool.exe");
        (await CountAsync(api)).ShouldBe((1, 1));

        // A person's reply with a file leaves by email with it.
        var invoice = await (await UploadAsync(api.Client, "/api/v1/support/uploads?name=label.pdf", Pdf, "application/pdf")).ShouldBeOkAsync(HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Post, $"/api/v1/support/conversations/{id}/messages",
            new { kind = "agent", body = "Sorry! Here is a return label.", attachments = new[] { Id(invoice) } });
        (await api.Services.GetRequiredService<EmailOutbox>().SendDueAsync(1, CancellationToken.None)).ShouldBe(1);
        var sent = smtp.Messages.Single();
        sent.TextBody!.Trim().ShouldBe("Sorry! Here is a return label.");
        var file = sent.Attachments.OfType<MimePart>().Single();
        file.FileName.ShouldBe("label.pdf");
        file.ContentType.MimeType.ShouldBe("application/pdf");
        using var decoded = new MemoryStream();
        await file.Content!.DecodeToAsync(decoded);
        decoded.ToArray().ShouldBe(Pdf);
    }

    internal static long Id(JsonNode node) => node["id"]!.GetValue<long>();

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, byte[] bytes, string type)
    {
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await client.PostAsync(url, content);
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>How many attachment rows and contents the tenant holds.</summary>
    private static async Task<(int Rows, int Contents)> CountAsync(WeftApi api)
    {
        await using var db = await api.Services.GetRequiredService<SupportDb>().OpenAsync(1);
        return (await db.Attachments.CountAsync(), await db.AttachmentContents.CountAsync());
    }
}
