using Weft.Flow.Contracts;
using Weft.Platform.Paging;

namespace Weft.Flow.Web.Control;

/// <summary>
/// A piece's lineage: every token that has carried its unit of its job (the first one, the replacements a QC failure or
/// a redesign made, the branches of its splits), and what happened to each, in order.
/// </summary>
public sealed record PieceLineage(string Job, int Unit, IReadOnlyList<TokenDto> Tokens, IReadOnlyList<EventDto> History)
{
    public static async Task<PieceLineage> ReadAsync(FlowEngine engine, long jobId, long tokenId, CancellationToken ct = default)
    {
        var job = await engine.Jobs.GetJobAsync(jobId, ct);
        var tokens = await engine.Jobs.GetTokensAsync(jobId, ct);
        var unit = tokens.FirstOrDefault(t => t.Id == tokenId)?.Serial
            ?? throw Platform.Errors.WeftException.NotFound("token_not_found", $"Token {tokenId} is not a token of job {jobId}.");
        var piece = tokens.Where(t => t.Serial == unit).OrderBy(t => t.Generation).ThenBy(t => t.Id).ToList();
        var ids = piece.Select(t => t.Id).ToHashSet();
        var events = await AllPages.ReadAsync(cursor => engine.Jobs.GetJobEventsAsync(jobId, FlowEngine.MaxPageSize, cursor, ct));
        return new PieceLineage(job.Reference, unit, piece, events.Where(e => e.TokenId is { } t && ids.Contains(t)).OrderBy(e => e.At).ThenBy(e => e.Id).ToList());
    }
}
