namespace Weft.AI.Ui;

/// <summary>
/// Redraws a live page at most once per interval while an answer streams in: the first piece asks for a redraw one
/// interval later, and every piece arriving meanwhile is drawn with it. A redraw per piece would send the browser a
/// diff for every few characters.
/// </summary>
internal sealed class RedrawThrottle(Func<Task> redraw, TimeSpan interval, TimeProvider clock)
{
    private int pending;

    public void Request()
    {
        if (Interlocked.Exchange(ref pending, 1) == 0) _ = RedrawLaterAsync();
    }

    private async Task RedrawLaterAsync()
    {
        await Task.Delay(interval, clock);
        Volatile.Write(ref pending, 0);
        try
        {
            await redraw();
        }
        catch (ObjectDisposedException)
        {
            // The page closed while the answer streamed: there is nothing left to draw.
        }
    }
}
