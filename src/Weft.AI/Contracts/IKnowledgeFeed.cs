using Weft.Platform.Persistence;

namespace Weft.AI.Contracts;

/// <summary>
/// How another module keeps documents of its own in a knowledge base AI agents answer from (support's help center
/// articles): it puts a document's current text under a name, or takes it out, inside its own unit of work (an
/// integration event's delivery), so the change commits with it. Both are idempotent: a delivery repeated changes
/// nothing the second time.
/// </summary>
public interface IKnowledgeFeed
{
    /// <summary>
    /// Puts <paramref name="markdown"/> into the knowledge base <paramref name="baseKey"/> as the document
    /// <paramref name="documentName"/> (replacing its earlier text); creates the base (lexical search only, named
    /// <paramref name="baseName"/>) when the tenant has none with that key.
    /// </summary>
    Task PutAsync(UnitOfWork unit, string baseKey, string baseName, string documentName, string markdown, CancellationToken ct = default);

    /// <summary>Takes the document out of the base; nothing happens when either is not there.</summary>
    Task RemoveAsync(UnitOfWork unit, string baseKey, string documentName, CancellationToken ct = default);
}
