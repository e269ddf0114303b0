using System.Net;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>Customers are kept and merged: a duplicate's conversations move to the one kept, with what it knew.</summary>
public sealed class KeepingSupportCustomers
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Merging_a_duplicate_moves_its_conversations_and_fills_what_the_kept_one_lacks(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var work = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { name = "Ana Lima", email = "ana@work.example" }, message = "Invoice please" });
        var home = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { name = "Ana", email = "ana@home.example" }, message = "Where is my bag?" });
        long kept = work["conversation"]!["customer"]!.GetValue<long>(), duplicate = home["conversation"]!["customer"]!.GetValue<long>();
        await api.OkAsync(HttpMethod.Patch, $"/api/v1/support/customers/{duplicate}", new { phone = "+55 11 5555-0101", tags = new[] { "vip" }, fields = new { shoeSize = 38 } });
        await (await api.SendAsync(HttpMethod.Patch, $"/api/v1/support/customers/{kept}", new { email = "ana@home.example" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "email_taken");

        var merged = await api.OkAsync(HttpMethod.Post, $"/api/v1/support/customers/{duplicate}/merge", new { into = kept });
        merged["customer"]!["phone"]!.GetValue<string>().ShouldBe("+55 11 5555-0101");
        merged["customer"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["vip"]);
        merged["customer"]!["fields"]!["shoeSize"]!.GetValue<int>().ShouldBe(38);
        merged["conversations"]!.AsArray().Select(c => c!["subject"]!.GetValue<string>()).ShouldBe(["Where is my bag?", "Invoice please"]);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/customers/{duplicate}"))["customer"]!["mergedInto"]!.GetValue<long>().ShouldBe(kept);
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/customers?search=ana"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldBe([kept]);
        await (await api.PostAsync($"/api/v1/support/customers/{duplicate}/merge", new { into = kept })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "customer_merged");
        await (await api.PostAsync($"/api/v1/support/customers/{kept}/merge", new { into = kept })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        // The duplicate's address still reaches the person: a new message from it joins the kept customer.
        var again = await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { email = "ana@home.example" }, message = "Hello again" });
        again["conversation"]!["customer"]!.GetValue<long>().ShouldBe(kept);
    }
}
