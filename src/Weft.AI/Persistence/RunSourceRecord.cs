using Weft.Platform.Tenancy;

namespace Weft.AI.Persistence;

/// <summary>
/// A chunk a run was given to answer from, as it was then (the document may since have been replaced or deleted), and
/// whether the answer cited it.
/// </summary>
internal sealed class RunSourceRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RunId { get; set; }
    /// <summary>Its number in the run's context, from 1: the answer cites it as [Rank].</summary>
    public int Rank { get; set; }
    public long ChunkId { get; set; }
    public long DocumentId { get; set; }
    public string Base { get; set; } = "";
    public string Document { get; set; } = "";
    public string Heading { get; set; } = "";
    public string Text { get; set; } = "";
    public double Score { get; set; }
    public bool Cited { get; set; }
}
