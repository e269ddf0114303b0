using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Suppliers;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Rfqs;

/// <summary>
/// Files the buyer attaches to an RFQ while it is open (at most <see cref="RfqRules.MaxAttachments"/>, links and files
/// together), with the checks of a supplier's documents (<see cref="DocumentTypes.RequireAcceptable"/>): a refused
/// upload stores nothing. Whoever sees the RFQ downloads them; a foreign RFQ's file is a missing one.
/// </summary>
internal sealed class RfqFiles(MarketDb data)
{
    public async Task<RfqFileDto> UploadAsync(long tenant, MarketViewer viewer, string actor, long id, string? name, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var fileName = Path.GetFileName(name?.Trim() ?? "");
        if (fileName.Length is 0 or > DocumentTypes.MaxName || fileName.Any(char.IsControl))
            throw FieldErrors.Of("file", $"The file's name is 1-{DocumentTypes.MaxName} characters (e.g. drawing.pdf).");
        var type = DocumentTypes.RequireAcceptable(fileName, content);
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireBuyerOf(viewer, rfq);
            RfqRules.RequireQuoting(rfq, data.Now);
            var links = rfq.Attachments.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var files = await db.RfqFiles.CountAsync(f => f.RfqId == id, ct);
            if (links + files >= RfqRules.MaxAttachments)
                throw WeftException.Rule("too_many_attachments", $"{rfq.Number} has {links + files} attachments; an RFQ has at most {RfqRules.MaxAttachments}, links and files together.");
            var file = new RfqFileRecord
            {
                RfqId = id, BuyerOrganizationId = rfq.BuyerOrganizationId, Name = fileName, ContentType = type, Size = content.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), UploadedBy = actor.Length > 200 ? actor[..200] : actor, UploadedAt = data.Now,
            };
            db.RfqFiles.Add(file);
            // The RFQ's version moves with its files, so that two uploads at once cannot pass the count together.
            rfq.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            db.RfqFileContents.Add(new RfqFileContentRecord { FileId = file.Id, RfqId = id, BuyerOrganizationId = rfq.BuyerOrganizationId, Bytes = content });
            await db.SaveChangesAsync(ct);
            return ToDto(file);
        }, ct);
    }

    public async Task<DocumentFile> DownloadAsync(long tenant, MarketViewer viewer, long id, long fileId, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        if (!await db.Rfqs.AnyAsync(r => r.Id == id, ct)) throw RfqRules.NotFound(id);
        var row = await db.RfqFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.RfqId == id, ct) ?? throw NotFound(id, fileId);
        var content = await db.RfqFileContents.AsNoTracking().Where(c => c.FileId == fileId).Select(c => c.Bytes).FirstOrDefaultAsync(ct) ?? throw NotFound(id, fileId);
        return new DocumentFile(row.Name, row.ContentType, row.Sha256, content);
    }

    public async Task RemoveAsync(long tenant, MarketViewer viewer, long id, long fileId, CancellationToken ct) =>
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            var rfq = await db.Rfqs.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireBuyerOf(viewer, rfq);
            var row = await db.RfqFiles.FirstOrDefaultAsync(f => f.Id == fileId && f.RfqId == id, ct) ?? throw NotFound(id, fileId);
            RfqRules.RequireQuoting(rfq, data.Now);
            await db.RfqFileContents.Where(c => c.FileId == fileId).ExecuteDeleteAsync(ct);
            db.RfqFiles.Remove(row);
            rfq.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public static RfqFileDto ToDto(RfqFileRecord f) => new(f.Id, f.Name, f.ContentType, f.Size, f.Sha256, f.UploadedAt);

    private static WeftException NotFound(long id, long file) => WeftException.NotFound("rfq_file_not_found", $"RFQ {id} has no file {file}.");
}
