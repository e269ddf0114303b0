using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;
using static Weft.Host.Tests.Infrastructure.DirectoryKit;

namespace Weft.Host.Tests;

/// <summary>
/// Onboarding: a supplier with its documents on its profile applies for the badge; the application's job on the engine
/// gives the operator's staff two person tasks (check the documents, then decide); an approval gives the badge and
/// watches the supplier's certificates, so that the first to expire takes the badge away when its timer fires.
/// </summary>
public sealed class VerifyingSuppliers
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_application_goes_through_the_staffs_checks_to_the_badge_and_an_expired_certificate_takes_it_away(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var supplier = await market.SupplierAsync("Copiapó Refining", "CL", verified: false);
        var buyer = await market.BuyerAsync();

        (await ProblemAsync(supplier.Caller, HttpMethod.Post, "/api/v1/market/applications", new { message = "Please verify us." }))
            .ShouldSatisfyAllConditions(p => p.Status.ShouldBe(422), p => p.Code.ShouldBe("documents_required"));
        var scan = await DocumentAsync(supplier.Caller, supplier.Organization, "iso-9001.pdf", "certificate");
        await DocumentAsync(supplier.Caller, supplier.Organization);
        await CertificateAsync(api, supplier.Caller, supplier.Organization, "iso-9001", 30, scan);
        await CertificateAsync(api, supplier.Caller, supplier.Organization, "reach", 400);

        var applied = await supplier.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { message = "Please verify us." });
        var id = applied["id"]!.GetValue<long>();
        applied["state"]!.GetValue<string>().ShouldBe("submitted");
        applied["step"]!.GetValue<string>().ShouldBe("check-documents");
        applied["documents"]!.GetValue<int>().ShouldBe(2);
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, "/api/v1/market/applications", new { })).Code.ShouldBe("application_open");

        // The application is the supplier's and the staff's business; the staff's queue shows it, and only staff work it.
        (await ProblemAsync(buyer.Caller, HttpMethod.Get, $"/api/v1/market/applications/{id}")).Status.ShouldBe(404);
        (await buyer.Caller.OkAsync(HttpMethod.Get, "/api/v1/market/applications"))["items"]!.AsArray().ShouldBeEmpty();
        var queue = await market.Staff.OkAsync(HttpMethod.Get, "/api/v1/market/applications?state=submitted");
        queue["items"]!.AsArray().Single()!["organizationName"]!.GetValue<string>().ShouldBe("Copiapó Refining");
        (await ProblemAsync(supplier.Caller, HttpMethod.Post, $"/api/v1/market/applications/{id}/check", new { passed = true })).Status.ShouldBe(403);
        (await ProblemAsync(market.Staff, HttpMethod.Post, $"/api/v1/market/applications/{id}/decision", new { decision = "approve" }))
            .ShouldSatisfyAllConditions(p => p.Status.ShouldBe(409), p => p.Code.ShouldBe("flow_not_there"));

        // The staff check the documents, a person task of the flow, done by a person agent of the staff's.
        var detail = await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/applications/{id}");
        detail["documents"]!.AsArray().Count.ShouldBe(2);
        detail["certifications"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()).ShouldBe(["expiring", "valid"]);
        var job = detail["application"]!["job"]!.GetValue<long>();
        var pending = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]!.AsArray().Single()!;
        (pending["node"]!.GetValue<string>(), pending["state"]!.GetValue<string>()).ShouldBe(("check-documents", "ready"));
        pending["capability"]!.GetValue<string>().ShouldBe("market-verification");
        (await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{id}/check", new { passed = true, note = "Registration and ISO 9001 genuine." }))
            ["step"]!.GetValue<string>().ShouldBe("decide");
        (await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{id}/decision", new { decision = "approve" }))
            ["state"]!.GetValue<string>().ShouldBe("approved");
        var items = (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]!.AsArray();
        items.Select(i => $"{i!["node"]}:{i["state"]}:{i["agent"]}").ShouldBe(["check-documents:completed:market-staff", "decide:completed:market-staff"]);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/jobs/{job}"))["state"]!.GetValue<string>().ShouldBe("completed");

        var profile = await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{supplier.Organization}");
        profile["verified"]!.GetValue<bool>().ShouldBeTrue();
        (await buyer.Caller.OkAsync(HttpMethod.Get, $"/api/v1/market/organizations/{supplier.Organization}"))["verified"]!.GetValue<bool>().ShouldBeTrue();

        // The watch waits until the ISO 9001 expires: before that, nothing changes; then the badge goes.
        api.Clock.Advance(TimeSpan.FromDays(29));
        await RunToRestAsync(api);
        (await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{supplier.Organization}"))["verified"]!.GetValue<bool>().ShouldBeTrue();
        api.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunToRestAsync(api);
        var after = await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{supplier.Organization}");
        after["verified"]!.GetValue<bool>().ShouldBeFalse();
        after["badgeNote"]!.GetValue<string>().ShouldStartWith("ISO 9001 expired on");
        after["certifications"]!.AsArray()[0]!["status"]!.GetValue<string>().ShouldBe("expired");
        (await market.Staff.OkAsync(HttpMethod.Get, "/api/v1/market/suppliers?verified=true"))["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Documents_nobody_checked_in_two_days_escalate_to_the_verification_leads(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var supplier = await market.SupplierAsync("Esperance Resources", "AU", verified: false);
        await DocumentAsync(supplier.Caller, supplier.Organization);
        var job = (await supplier.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { }))["job"]!.GetValue<long>();

        api.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        await RunToRestAsync(api);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]![0]!["capability"]!.GetValue<string>().ShouldBe("market-verification");
        api.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunToRestAsync(api);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/work-items?job={job}"))["items"]![0]!["capability"]!.GetValue<string>().ShouldBe("market-verification-lead");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_renewed_certificate_keeps_the_badge_past_the_old_expiry(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var supplier = await market.SupplierAsync("Kwinana Hydroxide", "AU", verified: false);
        await DocumentAsync(supplier.Caller, supplier.Organization);
        var old = await CertificateAsync(api, supplier.Caller, supplier.Organization, "iso-9001", 10);
        var id = (await supplier.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { }))["id"]!.GetValue<long>();
        await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{id}/check", new { passed = true });
        await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{id}/decision", new { decision = "approve" });

        // Renewed before it expires: the new certificate in, the old one out.
        await CertificateAsync(api, market.Staff, supplier.Organization, "iso-9001", 365);
        (await market.Staff.SendAsync(HttpMethod.Delete, $"/api/v1/market/suppliers/{supplier.Organization}/certifications/{old["id"]}")).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.NoContent);
        api.Clock.Advance(TimeSpan.FromDays(11));
        await RunToRestAsync(api);
        (await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{supplier.Organization}"))["verified"]!.GetValue<bool>().ShouldBeTrue();
        api.Clock.Advance(TimeSpan.FromDays(360));
        await RunToRestAsync(api);
        (await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{supplier.Organization}"))["verified"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Documents_out_of_order_reject_the_application_and_bad_steps_change_nothing(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var market = new Marketplace(api);
        var supplier = await market.SupplierAsync("Shandong Refining", "CN", verified: false);
        await DocumentAsync(supplier.Caller, supplier.Organization);
        var id = (await supplier.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { }))["id"]!.GetValue<long>();

        foreach (var (body, field) in new (object, string)[] { (new { }, "passed"), (new { passed = false }, "note"), (new { passed = true, note = new string('n', 1001) }, "note") })
        {
            var (status, code, problem) = await ProblemAsync(market.Staff, HttpMethod.Post, $"/api/v1/market/applications/{id}/check", body);
            (status, code).ShouldBe((400, "validation_failed"));
            problem!["errors"]![field].ShouldNotBeNull();
        }
        (await ProblemAsync(market.Staff, HttpMethod.Post, $"/api/v1/market/applications/{id}/decision", new { decision = "maybe" })).Body!["errors"]!["decision"].ShouldNotBeNull();
        (await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/applications/{id}"))["application"]!["step"]!.GetValue<string>().ShouldBe("check-documents");
        (await ProblemAsync(market.Staff, HttpMethod.Post, "/api/v1/market/applications", new { })).Body!["errors"]!["organization"].ShouldNotBeNull();

        var rejected = await market.Staff.OkAsync(HttpMethod.Post, $"/api/v1/market/applications/{id}/check", new { passed = false, note = "The registration is not in the company's name." });
        (rejected["state"]!.GetValue<string>(), rejected["reason"]!.GetValue<string>()).ShouldBe(("rejected", "The registration is not in the company's name."));
        rejected["step"].ShouldBeNull();
        (await ProblemAsync(market.Staff, HttpMethod.Post, $"/api/v1/market/applications/{id}/decision", new { decision = "approve" })).Code.ShouldBe("application_decided");
        (await market.Staff.OkAsync(HttpMethod.Get, $"/api/v1/market/suppliers/{supplier.Organization}"))["verified"]!.GetValue<bool>().ShouldBeFalse();
        // Rejected, the supplier may apply again.
        (await supplier.Caller.OkAsync(HttpMethod.Post, "/api/v1/market/applications", new { }))["state"]!.GetValue<string>().ShouldBe("submitted");
    }
}
