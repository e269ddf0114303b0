using Microsoft.Extensions.AI;

namespace Weft.AI.Runs;

/// <summary>A streamed call that has begun: its first piece, the rest to read, and what to close when done.</summary>
internal sealed class OpenStream(CancellationTokenSource timeout, HttpClient http, IChatClient client, IAsyncEnumerator<ChatResponseUpdate> updates)
    : IAsyncDisposable
{
    /// <summary>The first piece; null when the model answered nothing at all.</summary>
    public ChatResponseUpdate? First { get; private set; }

    public async Task StartAsync() => First = await updates.MoveNextAsync() ? updates.Current : null;

    public async Task<ChatResponseUpdate?> NextAsync() => await updates.MoveNextAsync() ? updates.Current : null;

    public async ValueTask DisposeAsync()
    {
        await updates.DisposeAsync();
        client.Dispose();
        http.Dispose();
        timeout.Dispose();
    }
}
