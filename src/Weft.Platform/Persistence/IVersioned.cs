namespace Weft.Platform.Persistence;

/// <summary>
/// A row whose updates are guarded by an optimistic version number: the context raises it on every
/// update, and an update based on an older read fails (and is retried, or answered 409 <c>stale_version</c>).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
