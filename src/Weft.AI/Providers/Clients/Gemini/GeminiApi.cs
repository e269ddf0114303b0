using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Weft.AI.Providers.Clients.Gemini;

internal sealed class GeminiApi(HttpClient http, Uri baseUrl, string apiKey)
{
    /// <summary>Gemini's name in OpenTelemetry's GenAI conventions (<c>gen_ai.provider.name</c>).</summary>
    public const string ProviderName = "gcp.gemini";

    private const string ApiKeyHeader = "x-goog-api-key";
    private const int ErrorBodyLimit = 2000;

    public Uri BaseUrl => baseUrl;

    public async Task<JsonNode> PostAsync(string model, string method, JsonNode body, CancellationToken cancellationToken)
    {
        using var request = RequestFor(model, method, body);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken)
            ?? throw new InvalidDataException("Gemini answered with an empty body.");
    }

    public async IAsyncEnumerable<JsonNode> StreamAsync(
        string model, JsonNode body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = RequestFor(model, "streamGenerateContent?alt=sse", body);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(item.Data)) continue;
            yield return JsonNode.Parse(item.Data) ?? throw new InvalidDataException("Gemini streamed an empty chunk.");
        }
    }

    private HttpRequestMessage RequestFor(string model, string method, JsonNode body)
    {
        var name = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        var request = new HttpRequestMessage(HttpMethod.Post, $"{root}/v1beta/models/{Uri.EscapeDataString(name)}:{method}")
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Add(ApiKeyHeader, apiKey);
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new HttpRequestException(
            $"Gemini answered {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorMessageOf(body)}",
            inner: null,
            response.StatusCode);
    }

    private static string ErrorMessageOf(string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"]?["message"]?.GetValue<string>() is { } message) return message;
        }
        catch (JsonException)
        {
        }
        return body.Length > ErrorBodyLimit ? body[..ErrorBodyLimit] : body;
    }
}
