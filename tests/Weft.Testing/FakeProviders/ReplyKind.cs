namespace Weft.Testing.FakeProviders;

/// <summary>What a scripted <see cref="Reply"/> makes the fake provider do.</summary>
public enum ReplyKind
{
    /// <summary>Answer with text, in one piece or, when the request streams, in the reply's chunks.</summary>
    Text,

    /// <summary>Answer with one call of a tool (function) the request offered.</summary>
    ToolCall,

    /// <summary>Answer with an HTTP error status in the provider's error format.</summary>
    Fail,

    /// <summary>Never answer, until the client gives up on the request.</summary>
    Hang,

    /// <summary>Answer 200 with a body that is not the protocol's JSON (a proxy's HTML page, say).</summary>
    Garbage,
}
