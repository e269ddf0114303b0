namespace Weft.Testing.FakeProviders;

/// <summary>
/// One scripted answer of the <see cref="FakeProviderServer"/>, written once and spoken in whichever provider's
/// format the request came in. Token counts follow OpenAI's meaning: <see cref="InputTokens"/> is the whole
/// prompt, of which <see cref="CachedTokens"/> were read from the cache. Adjust one with <c>with</c>, e.g.
/// <c>Reply.Stream("hel", "lo") with { InputTokens = 12 }</c>.
/// </summary>
public sealed record Reply
{
    private Reply(ReplyKind kind) => Kind = kind;

    public ReplyKind Kind { get; }

    /// <summary>The pieces of a text answer, sent one per event when the request streams.</summary>
    public IReadOnlyList<string> Chunks { get; init; } = [];

    /// <summary>The whole text answer, its chunks joined.</summary>
    public string Content => string.Concat(Chunks);

    public string? ToolName { get; init; }

    /// <summary>The tool call's arguments as a JSON object.</summary>
    public string? ToolArguments { get; init; }

    /// <summary>The HTTP status of a <see cref="ReplyKind.Fail"/>.</summary>
    public int Status { get; init; }

    public int InputTokens { get; init; } = 10;

    public int OutputTokens { get; init; } = 5;

    public int CachedTokens { get; init; }

    public static Reply Text(string text, int inputTokens = 10, int outputTokens = 5, int cachedTokens = 0) =>
        new(ReplyKind.Text) { Chunks = [text], InputTokens = inputTokens, OutputTokens = outputTokens, CachedTokens = cachedTokens };

    public static Reply Stream(params string[] chunks) => new(ReplyKind.Text) { Chunks = chunks };

    public static Reply ToolCall(string name, string argumentsJson) =>
        new(ReplyKind.ToolCall) { ToolName = name, ToolArguments = argumentsJson };

    public static Reply Fail(int status) => new(ReplyKind.Fail) { Status = status };

    public static Reply Hang() => new(ReplyKind.Hang);

    public static Reply Garbage() => new(ReplyKind.Garbage);
}
