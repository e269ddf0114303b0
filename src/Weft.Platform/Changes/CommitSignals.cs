namespace Weft.Platform.Changes;

/// <summary>
/// Raised in this process after a module's transaction commits (never for one that rolled back):
/// what feeds the change feed and wakes the event delivery.
/// </summary>
public sealed class CommitSignals
{
    public event Action<ChangeNotice>? Committed;

    internal void Raise(ChangeNotice notice) => Committed?.Invoke(notice);
}
