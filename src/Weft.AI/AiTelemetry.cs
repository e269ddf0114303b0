using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Weft.AI;

/// <summary>
/// The AI module's activity source, named <see cref="Name"/>, for the host to export. Spans follow OpenTelemetry's GenAI
/// semantic conventions: a run is an <c>invoke_agent {agent}</c> span, and each call to a model under it a
/// <c>chat {model}</c> (or <c>embeddings {model}</c>) client span made by Microsoft.Extensions.AI's OpenTelemetry
/// client, with the provider, the models asked and answering, the tokens, the finish reasons and, for a call that
/// failed, its <c>error.type</c>. Messages are never recorded: they may hold what customers wrote.
/// </summary>
public static class AiTelemetry
{
    public const string Name = "Weft.AI";

    internal static readonly ActivitySource Source = new(Name);

    /// <summary>A chat client whose every call is a span of <see cref="Name"/>.</summary>
    internal static IChatClient Traced(IChatClient client) =>
        new ChatClientBuilder(client).UseOpenTelemetry(sourceName: Name, configure: c => c.EnableSensitiveData = false).Build();

    /// <summary>An embeddings generator whose every call is a span of <see cref="Name"/>.</summary>
    internal static IEmbeddingGenerator<string, Embedding<float>> Traced(IEmbeddingGenerator<string, Embedding<float>> generator) =>
        new EmbeddingGeneratorBuilder<string, Embedding<float>>(generator)
            .UseOpenTelemetry(sourceName: Name, configure: g => g.EnableSensitiveData = false).Build();

    /// <summary>The span of one run of an agent (<c>invoke_agent</c>), parent of its model calls; null when nobody listens.</summary>
    internal static Activity? StartRun(long tenant, long run, string agent, long? thread)
    {
        var activity = Source.StartActivity("invoke_agent " + agent, ActivityKind.Internal);
        if (activity is null) return null;
        activity.SetTag("gen_ai.operation.name", "invoke_agent");
        activity.SetTag("gen_ai.agent.name", agent);
        activity.SetTag("gen_ai.agent.id", agent);
        if (thread is not null) activity.SetTag("gen_ai.conversation.id", thread.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity.SetTag("weft.tenant", tenant);
        activity.SetTag("weft.ai.run", run);
        return activity;
    }
}
