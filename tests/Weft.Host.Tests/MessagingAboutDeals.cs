using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Weft.Host.Tests.Infrastructure;
using Weft.Market.Messages;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.RfqDesk;

namespace Weft.Host.Tests;

/// <summary>
/// Buyer and supplier messaging each other about an RFQ, with files, and meeting on video ("TELEBUY"): a thread is its two
/// organizations' (the staff read it, never write in it), and to anyone else it, its files and its meetings' invitations
/// are missing; a meeting's invitation reaches every member of both organizations by email as an .ics whose UID stays
/// and whose SEQUENCE grows with each change, a cancellation going out as METHOD:CANCEL.
/// </summary>
public sealed class MessagingAboutDeals
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static readonly DateTime MeetingAt = new(2026, 11, 10, 14, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_buyer_and_an_invited_supplier_message_about_an_rfq_with_a_file_and_nobody_else_sees_it(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var invited = await market.SupplierAsync("Atacama Lithium", "CL");
        var third = await market.SupplierAsync("Puna Resources", "AR");
        var rfq = await desk.CreateAsync(buyer, [invited.Organization]);

        // The invited supplier writes first; the buyer sees one unread message.
        var started = await (await invited.Caller.PostAsync("/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, text = "Is a 20 t partial shipment in May acceptable?" }))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var thread = started["thread"]!["id"]!.GetValue<long>();
        started["thread"]!["subjectNumber"]!.GetValue<string>().ShouldStartWith("RFQ-");
        started["thread"]!["counterpartName"]!.GetValue<string>().ShouldBe("Lumen Cathodes");
        var listed = (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads?subject=rfq&subjectId={rfq}")).AsArray().Single()!;
        listed["id"]!.GetValue<long>().ShouldBe(thread);
        listed["unread"]!.GetValue<int>().ShouldBe(1);
        listed["counterpartName"]!.GetValue<string>().ShouldBe("Atacama Lithium");

        // The buyer reads it (now read) and answers with a certificate attached.
        var read = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}");
        read["messages"]!.AsArray().Single()!["text"]!.GetValue<string>().ShouldBe("Is a 20 t partial shipment in May acceptable?");
        read["canPost"]!.GetValue<bool>().ShouldBeTrue();
        (await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/threads")).AsArray().Single()!["unread"]!.GetValue<int>().ShouldBe(0);
        var answer = await (await PostFilesAsync(buyer.Caller, $"/api/v1/market/threads/{thread}/messages", "Yes; please match this analysis.", ("coa.pdf", Pdf)))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        var attachment = answer["attachments"]!.AsArray().Single()!;
        attachment["name"]!.GetValue<string>().ShouldBe("coa.pdf");
        attachment["contentType"]!.GetValue<string>().ShouldBe("application/pdf");
        var attachmentId = attachment["id"]!.GetValue<long>();

        // The supplier sees the answer as unread and downloads the file as a download.
        (await invited.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/threads")).AsArray().Single()!["unread"]!.GetValue<int>().ShouldBe(1);
        using (var download = await invited.Caller.SendAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}/attachments/{attachmentId}"))
        {
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
            download.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("coa.pdf");
            (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        }
        var seen = await invited.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}");
        seen["messages"]!.AsArray().Select(m => (m!["senderOrganizationName"]!.GetValue<string>(), m["mine"]!.GetValue<bool>()))
            .ShouldBe([("Atacama Lithium", true), ("Lumen Cathodes", false)]);

        // A third supplier: the thread, its messages and its file are missing; it cannot start one on an RFQ it may not see.
        (await ProblemAsync(third.Caller, HttpMethod.Get, $"/api/v1/market/threads/{thread}")).ShouldBe((404, "thread_not_found"));
        (await ProblemAsync(third.Caller, HttpMethod.Post, $"/api/v1/market/threads/{thread}/messages", new { text = "Hello?" })).ShouldBe((404, "thread_not_found"));
        (await ProblemAsync(third.Caller, HttpMethod.Get, $"/api/v1/market/threads/{thread}/attachments/{attachmentId}")).ShouldBe((404, "attachment_not_found"));
        (await third.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/threads")).AsArray().ShouldBeEmpty();
        (await ProblemAsync(third.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, text = "We can supply too." }))
            .ShouldBe((404, "rfq_not_found"));
        // Nor can the buyer write to it about this RFQ, which it did not invite it to.
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, with = third.Organization, text = "Hi" }))
            .ShouldBe((404, "counterpart_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, text = "Hi" })).Status.ShouldBe(400);

        // The buyer's first message to the invited supplier joins the thread they already have.
        var again = await (await buyer.Caller.PostAsync("/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, with = invited.Organization, text = "One more thing." }))
            .ShouldBeOkAsync(HttpStatusCode.Created);
        again["thread"]!["id"]!.GetValue<long>().ShouldBe(thread);

        // The staff read it for a dispute, and do not write in it.
        (await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}"))["messages"]!.AsArray().Count.ShouldBe(3);
        (await ProblemAsync(market.Staff, HttpMethod.Post, $"/api/v1/market/threads/{thread}/messages", new { text = "Operator here" })).ShouldBe((403, "parties_only"));

        // Refused messages store nothing: too long, too many files, a file that is not what it says.
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/threads/{thread}/messages", new { text = new string('x', 4001) })).Status.ShouldBe(400);
        (await SecurityFixtures.ReadAsync(await PostFilesAsync(buyer.Caller, $"/api/v1/market/threads/{thread}/messages", "Six files",
            [.. Enumerable.Range(1, 6).Select(i => ($"f{i}.pdf", Pdf))]))).Status.ShouldBe(400);
        (await SecurityFixtures.ReadAsync(await PostFilesAsync(buyer.Caller, $"/api/v1/market/threads/{thread}/messages", "A program", ("setup.pdf", "MZ\x90\0"u8.ToArray()))))
            .Code.ShouldBe("document_content_mismatch");
        (await SecurityFixtures.ReadAsync(await PostFilesAsync(buyer.Caller, $"/api/v1/market/threads/{thread}/messages", "A program", ("setup.exe", Pdf))))
            .Code.ShouldBe("document_type_not_allowed");
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}"))["messages"]!.AsArray().Count.ShouldBe(3);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_meeting_invitation_reaches_both_organizations_by_email_and_accepting_and_cancelling_update_it(string provider)
    {
        await using var smtp = LocalSmtpServer.Start();
        await using var api = await WeftApi.StartAsync(provider, smtp.Settings);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var colleague = await market.MemberAsync(buyer.Organization, "buyer");
        var supplier = await market.SupplierAsync("Atacama Lithium", "CL");
        var third = await market.SupplierAsync("Puna Resources", "AR");
        var rfq = await desk.CreateAsync(buyer, [supplier.Organization]);
        var outbox = api.Services.GetRequiredService<MeetingMail>();
        (await market.Staff.OkAsync(HttpMethod.Put, "/api/v1/market/settings/video", new { urlTemplate = "https://meet.jit.si/weft-{room}" }))["urlTemplate"]!
            .GetValue<string>().ShouldBe("https://meet.jit.si/weft-{room}");

        var thread = (await supplier.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, text = "Shall we talk?" }))["thread"]!["id"]!.GetValue<long>();
        var proposed = await (await supplier.Caller.PostAsync($"/api/v1/market/threads/{thread}/meetings",
            new { startsAt = MeetingAt.ToString("O"), durationMinutes = 45, title = "Specification review", agenda = "Sodium content" })).ShouldBeOkAsync(HttpStatusCode.Created);
        var meeting = proposed["id"]!.GetValue<long>();
        var link = proposed["link"]!.GetValue<string>();
        link.ShouldStartWith("https://meet.jit.si/weft-");
        link.Length.ShouldBe("https://meet.jit.si/weft-".Length + 26);
        proposed["state"]!.GetValue<string>().ShouldBe("proposed");
        proposed["mail"]!["state"]!.GetValue<string>().ShouldBe("pending");

        // After the commit the outbox mails every member of both organizations the invitation.
        (await outbox.SendDueAsync(1, CancellationToken.None)).ShouldBe(3);
        var first = smtp.Messages.ToList();
        first.Select(m => m.To.Mailboxes.Single().Address).Order().ShouldBe(new[] { buyer.Email, colleague.Email, supplier.Email }.Order());
        var invitation = Ics(first[0], "REQUEST");
        invitation.ShouldContain("METHOD:REQUEST");
        invitation.ShouldContain("SEQUENCE:0");
        invitation.ShouldContain("DTSTART:20261110T140000Z");
        invitation.ShouldContain("DTEND:20261110T144500Z");
        invitation.ShouldContain("LOCATION:" + link);
        invitation.ShouldContain("ORGANIZER;CN=");
        invitation.ShouldContain("mailto:" + supplier.Email);
        invitation.ShouldContain("mailto:" + colleague.Email);
        var uid = Line(invitation, "UID:");
        uid.ShouldNotBeNullOrEmpty();
        first.ShouldAllBe(m => Line(Ics(m, "REQUEST"), "UID:") == uid);
        (await supplier.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/meetings/{meeting}"))["mail"]!["state"]!.GetValue<string>().ShouldBe("sent");
        (await outbox.SendDueAsync(1, CancellationToken.None)).ShouldBe(0);

        // A third organization does not see the meeting or its invitation.
        (await ProblemAsync(third.Caller, HttpMethod.Get, $"/api/v1/market/meetings/{meeting}.ics")).ShouldBe((404, "meeting_not_found"));
        (await ProblemAsync(third.Caller, HttpMethod.Get, $"/api/v1/market/meetings/{meeting}")).ShouldBe((404, "meeting_not_found"));
        (await ProblemAsync(third.Caller, HttpMethod.Post, $"/api/v1/market/meetings/{meeting}/accept")).ShouldBe((404, "meeting_not_found"));

        // The proposer does not accept its own proposal; the buyer does: the same UID, SEQUENCE 1, confirmed.
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, $"/api/v1/market/meetings/{meeting}/accept")).ShouldBe((403, "other_side_only"));
        var accepted = await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/meetings/{meeting}/accept");
        accepted["state"]!.GetValue<string>().ShouldBe("accepted");
        accepted["sequence"]!.GetValue<int>().ShouldBe(1);
        (await outbox.SendDueAsync(1, CancellationToken.None)).ShouldBe(3);
        var confirmation = Ics(smtp.Messages[3], "REQUEST");
        Line(confirmation, "UID:").ShouldBe(uid);
        confirmation.ShouldContain("SEQUENCE:1");
        confirmation.ShouldContain("STATUS:CONFIRMED");

        // The proposer cancels: METHOD:CANCEL, SEQUENCE 2, to everyone; the download says so too.
        var cancelled = await supplier.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/meetings/{meeting}/cancel");
        cancelled["state"]!.GetValue<string>().ShouldBe("cancelled");
        (await outbox.SendDueAsync(1, CancellationToken.None)).ShouldBe(3);
        var cancellations = smtp.Messages.Skip(6).ToList();
        cancellations.Count.ShouldBe(3);
        foreach (var mail in cancellations)
        {
            var ics = Ics(mail, "CANCEL");
            ics.ShouldContain("METHOD:CANCEL");
            ics.ShouldContain("SEQUENCE:2");
            Line(ics, "UID:").ShouldBe(uid);
        }
        using var file = await buyer.Caller.SendAsync(HttpMethod.Get, $"/api/v1/market/meetings/{meeting}.ics");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        file.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var downloaded = Unfold(await file.Content.ReadAsStringAsync());
        downloaded.ShouldContain("METHOD:CANCEL");
        Line(downloaded, "UID:").ShouldBe(uid);
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, $"/api/v1/market/meetings/{meeting}/cancel")).ShouldBe((409, "meeting_over"));

        // The thread tells the story.
        var story = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}");
        story["messages"]!.AsArray().Where(m => m!["kind"]!.GetValue<string>() == "meeting").Select(m => m!["text"]!.GetValue<string>()[..8])
            .ShouldBe(["Proposed", "Accepted", "Cancelle"]);
        story["meetings"]!.AsArray().Single()!["state"]!.GetValue<string>().ShouldBe("cancelled");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_auctions_owner_and_a_participant_and_a_deals_two_sides_message_each_other_and_nobody_else(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var bidder = await market.SupplierAsync("Andes Brine", "CL");
        var other = await market.SupplierAsync("Pilbara Spodumene", "AU");
        var outsider = await market.SupplierAsync("Puna Resources", "AR");
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var auction = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/auctions", new
        {
            title = "Li2CO3 battery grade, 500 t", kind = "reverse", format = "english", material = "lithium carbonate", quantity = 500, unit = "t",
            currency = "USD", startingPrice = 20000, stepAmount = 100, bidderView = "rank", startsAt = now.AddMinutes(10), endsAt = now.AddHours(1),
            participants = new[] { bidder.Organization, other.Organization },
        }))["id"]!.GetValue<long>();

        // A bidder writes to the owner (a buyer: the reverse auction's owner is the buyer side); the owner names which bidder it writes to.
        var fromBidder = (await bidder.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/threads", new { subject = "auction", subjectId = auction, text = "Is the reserve firm?" }))["thread"]!;
        fromBidder["buyer"]!.GetValue<long>().ShouldBe(buyer.Organization);
        fromBidder["supplier"]!.GetValue<long>().ShouldBe(bidder.Organization);
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "auction", subjectId = auction, text = "To whom?" })).Status.ShouldBe(400);
        var toOther = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/threads", new { subject = "auction", subjectId = auction, with = other.Organization, text = "Welcome." }))["thread"]!;
        toOther["id"]!.GetValue<long>().ShouldNotBe(fromBidder["id"]!.GetValue<long>());
        // One bidder does not see the other's thread; an organization outside the auction cannot start one.
        (await bidder.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/threads?subject=auction")).AsArray().Single()!["id"]!.GetValue<long>().ShouldBe(fromBidder["id"]!.GetValue<long>());
        (await ProblemAsync(bidder.Caller, HttpMethod.Get, $"/api/v1/market/threads/{toOther["id"]}")).ShouldBe((404, "thread_not_found"));
        (await ProblemAsync(outsider.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "auction", subjectId = auction, text = "Let us in" })).ShouldBe((404, "auction_not_found"));
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "auction", subjectId = auction, with = outsider.Organization, text = "Hi" }))
            .ShouldBe((404, "counterpart_not_found"));

        // A deal's two sides write to each other about it; nobody else can.
        var deal = await api.Services.DealAsync(buyer.Organization, bidder.Organization);
        var aboutDeal = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/threads", new { subject = "deal", subjectId = deal, text = "When does it ship?" }))["thread"]!;
        aboutDeal["subjectNumber"]!.GetValue<string>().ShouldBe("DEAL-TEST-1");
        (await bidder.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{aboutDeal["id"]}"))["messages"]!.AsArray().Single()!["text"]!.GetValue<string>().ShouldBe("When does it ship?");
        (await ProblemAsync(other.Caller, HttpMethod.Post, "/api/v1/market/threads", new { subject = "deal", subjectId = deal, text = "And us?" })).ShouldBe((404, "deal_not_found"));
        (await ProblemAsync(other.Caller, HttpMethod.Get, $"/api/v1/market/threads/{aboutDeal["id"]}")).ShouldBe((404, "thread_not_found"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Without_a_video_service_no_meeting_is_saved_and_without_a_mail_server_the_meeting_stands_unmailed(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var desk = new RfqDesk(market);
        var buyer = await market.BuyerAsync("Lumen Cathodes", "DE");
        var supplier = await market.SupplierAsync("Atacama Lithium", "CL");
        var rfq = await desk.CreateAsync(buyer, [supplier.Organization]);
        var thread = (await buyer.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/threads", new { subject = "rfq", subjectId = rfq, with = supplier.Organization, text = "Hello" }))
            ["thread"]!["id"]!.GetValue<long>();
        var proposal = new { startsAt = MeetingAt.ToString("O"), durationMinutes = 30, title = "Call" };

        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/threads/{thread}/meetings", proposal)).ShouldBe((422, "video_service_not_configured"));
        var unchanged = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/threads/{thread}");
        unchanged["meetings"]!.AsArray().ShouldBeEmpty();
        unchanged["messages"]!.AsArray().Count.ShouldBe(1);

        // Refused proposals: in the past, too short, no title; a template without a room.
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/threads/{thread}/meetings", new { startsAt = "2026-11-01T10:00:00Z", durationMinutes = 30, title = "Late" })).Status.ShouldBe(400);
        (await ProblemAsync(buyer.Caller, HttpMethod.Post, $"/api/v1/market/threads/{thread}/meetings", new { startsAt = MeetingAt.ToString("O"), durationMinutes = 10, title = "Short" })).Status.ShouldBe(400);
        (await ProblemAsync(market.Staff, HttpMethod.Put, "/api/v1/market/settings/video", new { urlTemplate = "https://meet.jit.si/weft" })).Status.ShouldBe(400);
        (await ProblemAsync(buyer.Caller, HttpMethod.Put, "/api/v1/market/settings/video", new { urlTemplate = "https://meet.jit.si/{room}" })).Status.ShouldBe(403);

        await market.Staff.OkAsync(HttpMethod.Put, "/api/v1/market/settings/video", new { urlTemplate = "https://video.example/{room}?lang=en" });
        var meeting = await buyer.Caller.OkAsync(HttpMethod.Post, $"/api/v1/market/threads/{thread}/meetings", proposal);
        meeting["link"]!.GetValue<string>().ShouldStartWith("https://video.example/");
        meeting["link"]!.GetValue<string>().ShouldEndWith("?lang=en");
        meeting["mail"]!["state"]!.GetValue<string>().ShouldBe("not_configured");
        (await api.Services.GetRequiredService<MeetingMail>().SendDueAsync(1, CancellationToken.None)).ShouldBe(0);
        var ics = Unfold(await (await supplier.Caller.SendAsync(HttpMethod.Get, $"/api/v1/market/meetings/{meeting["id"]}.ics")).Content.ReadAsStringAsync());
        ics.ShouldContain("METHOD:REQUEST");
        ics.ShouldContain("DTSTART:20261110T140000Z");
    }

    private static async Task<HttpResponseMessage> PostFilesAsync(WeftCaller caller, string url, string text, params (string Name, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }
        return await caller.Client.PostAsync(url, form);
    }

    /// <summary>The .ics attached to a mail, with the method its content type names, unfolded.</summary>
    private static string Ics(MimeMessage mail, string method)
    {
        var part = mail.Attachments.OfType<MimePart>().Single();
        part.ContentType.MimeType.ShouldBe("text/calendar");
        part.ContentType.Parameters["method"].ShouldBe(method);
        part.FileName!.ShouldEndWith(".ics");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return Unfold(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);

    private static string? Line(string ics, string prefix) =>
        ics.Split("\r\n").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
}

internal static class MessagingServices
{
    /// <summary>A deal between two organizations, as an award makes one (the deals service's own tests cover how).</summary>
    public static async Task<long> DealAsync(this IServiceProvider services, long buyer, long supplier)
    {
        var data = services.GetRequiredService<Weft.Market.MarketDb>();
        return await data.ChangeAsync(1, Weft.Market.Visibility.MarketViewer.System, async db =>
        {
            var deal = new Weft.Market.Persistence.DealRecord
            {
                Number = "DEAL-TEST-1", BuyerOrganizationId = buyer, SupplierOrganizationId = supplier, Source = "rfq", SourceId = 1, SourceNumber = "RFQ-00001",
                Title = "Lithium carbonate", Value = 1_000_000m, Currency = "USD", State = "awarded", AwardedAt = data.Now, UpdatedAt = data.Now,
            };
            db.Deals.Add(deal);
            await db.SaveChangesAsync();
            return deal.Id;
        }, CancellationToken.None);
    }
}
