using System.Net;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A person names a conversation's intent: the conversation takes it (with no classifier confidence), and the customer's
/// first message becomes a training example of it, replaced when the conversation is labelled again; the classifier
/// then trains on the tenant's past tickets without any file.
/// </summary>
public sealed class LabellingPastConversations
{
    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Naming_intents_of_past_conversations_teaches_the_classifier(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        string[] lost = ["I lost my card yesterday", "My card is gone, I think it was stolen", "Cannot find my bank card anywhere",
            "Someone took my wallet with the card", "Please block my card, it is lost"];
        string[] refund = ["I want my money back", "Refund the order please", "How do I get a refund for the bag",
            "The item was broken, I need a refund", "Return and refund my purchase"];
        var ids = new List<long>();
        foreach (var text in lost.Concat(refund)) ids.Add(await StartAsync(api, text));

        // Labelled first as the wrong intent, then corrected: one example, of the corrected intent.
        var first = await api.OkAsync(HttpMethod.Put, $"/api/v1/support/conversations/{ids[0]}/intent", new { intent = "refund" });
        first["intent"]!.GetValue<string>().ShouldBe("refund");
        first["intentConfidence"].ShouldBeNull();
        var corrected = await api.OkAsync(HttpMethod.Put, $"/api/v1/support/conversations/{ids[0]}/intent",
            new { intent = "card_lost", version = first["version"]!.GetValue<int>() });
        corrected["intent"]!.GetValue<string>().ShouldBe("card_lost");
        var examples = await api.OkAsync(HttpMethod.Get, "/api/v1/support/triage/examples");
        examples["total"]!.GetValue<int>().ShouldBe(1);
        examples["intents"]!.AsArray().Single()!["intent"]!.GetValue<string>().ShouldBe("card_lost");

        for (var i = 1; i < ids.Count; i++)
            await api.OkAsync(HttpMethod.Put, $"/api/v1/support/conversations/{ids[i]}/intent", new { intent = i < lost.Length ? "card_lost" : "refund" });
        examples = await api.OkAsync(HttpMethod.Get, "/api/v1/support/triage/examples");
        examples["total"]!.GetValue<int>().ShouldBe(10);
        var model = await api.OkAsync(HttpMethod.Post, "/api/v1/support/triage/train", new { heldOutPercent = 20 });
        (model["intents"]!.GetValue<int>(), model["examples"]!.GetValue<int>()).ShouldBe((2, 10));

        // Wrong labels change nothing.
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/conversations/{ids[1]}/intent", new { intent = "not an intent!" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/conversations/{ids[1]}/intent", new { intent = "unknown" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.SendAsync(HttpMethod.Put, $"/api/v1/support/conversations/{ids[1]}/intent", new { intent = "refund", version = 999 }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "stale_version");
        await (await api.SendAsync(HttpMethod.Put, "/api/v1/support/conversations/999999/intent", new { intent = "refund" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "conversation_not_found");
        (await api.OkAsync(HttpMethod.Get, "/api/v1/support/triage/examples"))["total"]!.GetValue<int>().ShouldBe(10);
        (await api.OkAsync(HttpMethod.Get, $"/api/v1/support/conversations/{ids[1]}"))["conversation"]!["intent"]!.GetValue<string>().ShouldBe("card_lost");
    }

    private static async Task<long> StartAsync(WeftApi api, string message) =>
        (await api.OkAsync(HttpMethod.Post, "/api/v1/support/conversations", new { customer = new { name = "Ana Lima" }, message }))
            ["conversation"]!["id"]!.GetValue<long>();
}
