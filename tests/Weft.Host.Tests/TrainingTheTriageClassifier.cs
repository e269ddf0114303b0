using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Weft.Host.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Host.Tests;

/// <summary>
/// A support manager teaches the triage classifier the tenant's intents from a spreadsheet, trains it, and sees how it
/// scored; agents and workflows then ask it what a message is about. A bad file adds nothing; a viewer may read but
/// not train.
/// </summary>
public sealed class TrainingTheTriageClassifier
{
    private const string Triage = "/api/v1/support/triage";

    private static readonly string GoodFile = string.Join("\r\n",
    [
        "text,intent",
        .. Rows("refund", "I want my money back", "please refund my order", "refund the payment for this order", "can I get a refund",
            "the refund has not arrived", "how do I get my money back", "return the money to my card", "I was charged and want a refund"),
        .. Rows("delivery", "where is my parcel", "my package has not arrived", "when will my order be delivered", "track my delivery",
            "the courier did not come", "parcel is late", "delivery status of my order", "has my package shipped yet"),
        .. Rows("password", "I forgot my password", "reset my password please", "cannot log in to my account", "my login does not work",
            "change my password", "locked out of my account", "password reset link expired", "how do I sign in again"),
        "",
    ]);

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_file_with_a_bad_row_adds_nothing_and_names_the_row(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var file = "text,intent\r\nwhere is my parcel,delivery\r\n,delivery\r\nrefund me,has space\r\nfine again,refund\r\n";

        using var response = await UploadAsync(api.Client, file);
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "triage_examples_invalid");
        problem["errors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>())).ShouldBe([(3, "text"), (4, "intent")]);

        var summary = await api.OkAsync(HttpMethod.Get, $"{Triage}/examples");
        summary["total"]!.GetValue<int>().ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Trained_examples_give_an_active_model_with_its_metrics_that_classifies(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        var uploaded = await UploadOkAsync(api, GoodFile);
        (uploaded["rows"]!.GetValue<int>(), uploaded["added"]!.GetValue<int>()).ShouldBe((24, 24));
        // The same file again adds nothing it already has.
        (await UploadOkAsync(api, GoodFile))["repeated"]!.GetValue<int>().ShouldBe(24);
        var summary = await api.OkAsync(HttpMethod.Get, $"{Triage}/examples");
        summary["intents"]!.AsArray().Select(i => (i!["intent"]!.GetValue<string>(), i["examples"]!.GetValue<int>()))
            .ShouldBe([("delivery", 8), ("password", 8), ("refund", 8)]);

        var first = await api.OkAsync(HttpMethod.Post, $"{Triage}/train", new { threshold = 0.3, heldOutPercent = 25 });
        (first["active"]!.GetValue<bool>(), first["examples"]!.GetValue<int>(), first["intents"]!.GetValue<int>()).ShouldBe((true, 24, 3));
        first["threshold"]!.GetValue<double>().ShouldBe(0.3);
        var second = await api.OkAsync(HttpMethod.Post, $"{Triage}/train", new { });

        var active = await api.OkAsync(HttpMethod.Get, $"{Triage}/models/active");
        active["id"]!.GetValue<long>().ShouldBe(second["id"]!.GetValue<long>());
        var metrics = active["metrics"]!;
        metrics["examples"]!.GetValue<int>().ShouldBe(6);
        metrics["accuracy"]!.GetValue<double>().ShouldBeInRange(0, 1);
        metrics["perIntent"]!.AsArray().Count.ShouldBe(3);
        metrics["labels"]!.AsArray().Select(l => l!.GetValue<string>()).ShouldBe(["delivery", "password", "refund"]);
        metrics["confusion"]!.AsArray().Sum(row => row!.AsArray().Sum(c => c!.GetValue<int>())).ShouldBe(6);
        var models = (await api.OkAsync(HttpMethod.Get, $"{Triage}/models")).AsArray();
        models.Select(m => m!["active"]!.GetValue<bool>()).ShouldBe([true, false]);

        var answer = await api.OkAsync(HttpMethod.Post, $"{Triage}/classify", new { text = "my parcel has not arrived yet" });
        answer["topIntent"]!.GetValue<string>().ShouldBe("delivery");
        answer["model"]!.GetValue<long>().ShouldBe(second["id"]!.GetValue<long>());
        answer["confidence"]!.GetValue<double>().ShouldBeInRange(0, 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task Training_is_refused_with_one_intent_and_classifying_before_any_model(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        using (var none = await api.PostAsync($"{Triage}/classify", new { text = "hello" }))
            await none.ShouldBeProblemAsync(HttpStatusCode.Conflict, "triage_no_active_model");
        await UploadOkAsync(api, string.Join("\r\n", ["text,intent", .. Rows("refund", "a", "b", "c", "d", "e", "f")]));
        using (var one = await api.PostAsync($"{Triage}/train", new { }))
            await one.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "triage_too_few_intents");
        await UploadOkAsync(api, string.Join("\r\n", ["text,intent", .. Rows("delivery", "x", "y")]));
        using (var few = await api.PostAsync($"{Triage}/train", new { }))
            await few.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "triage_too_few_examples");
        using (var bad = await api.PostAsync($"{Triage}/train", new { threshold = 2 }))
            await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var deleted = await api.OkAsync(HttpMethod.Delete, $"{Triage}/examples?intent=delivery");
        deleted["deleted"]!.GetValue<int>().ShouldBe(2);
        (await api.OkAsync(HttpMethod.Get, $"{Triage}/models")).AsArray().ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Embedded), MemberType = typeof(TestDatabases))]
    public async Task A_reader_sees_the_examples_but_may_not_upload_or_train(string provider)
    {
        await using var api = await WeftApi.StartAsync(provider);
        await UploadOkAsync(api, GoodFile);
        var key = (await api.OkAsync(HttpMethod.Post, "/api/v1/api-keys", new { name = "reader", scopes = new[] { "support:read" } }))["key"]!.GetValue<string>();
        using var reader = api.CreateClient("ApiKey " + key);

        using (var read = await reader.GetAsync($"{Triage}/examples")) read.StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var train = await reader.PostAsync($"{Triage}/train", JsonContent("{}"))) await train.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        using (var upload = await UploadAsync(reader, GoodFile)) await upload.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await api.OkAsync(HttpMethod.Get, $"{Triage}/models")).AsArray().ShouldBeEmpty();
    }

    private static IEnumerable<string> Rows(string intent, params string[] texts) => texts.Select(t => $"{t},{intent}");

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> UploadOkAsync(WeftApi api, string csv)
    {
        using var response = await UploadAsync(api.Client, csv);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "examples.csv");
        return client.PostAsync("/api/v1/support/triage/examples", form);
    }
}
