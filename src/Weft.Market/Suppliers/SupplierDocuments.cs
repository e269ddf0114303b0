using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Suppliers;

/// <summary>
/// The files on a supplier's profile, kept in the database (their bytes in a table of their own). A refused upload
/// (too large, a type not accepted, bytes that do not agree with the name) stores nothing.
/// </summary>
internal sealed class SupplierDocuments(MarketDb data)
{
    public async Task<DocumentDto> UploadAsync(long tenant, MarketViewer viewer, string actor, long id, string? name, string? kind, bool? isPublic, byte[] content,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new FieldErrors();
        var fileName = Path.GetFileName(name?.Trim() ?? "");
        if (fileName.Length is 0 or > DocumentTypes.MaxName || fileName.Any(char.IsControl)) errors.Add("name", $"'name' is the file's name, 1-{DocumentTypes.MaxName} characters (e.g. iso-9001.pdf).");
        if (kind is null || !DocumentTypes.Kinds.Contains(kind)) errors.Add("kind", $"'kind' is one of: {string.Join(", ", DocumentTypes.Kinds)}.");
        errors.ThrowIfAny();
        var type = DocumentTypes.RequireAcceptable(fileName, content);
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            await SupplierProfiles.SupplierAsync(db, viewer, id, ct);
            var document = new SupplierDocumentRecord
            {
                OrganizationId = id, Kind = kind!, Name = fileName, ContentType = type, Size = content.Length, Public = isPublic == true,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), UploadedBy = actor.Length > 200 ? actor[..200] : actor, UploadedAt = data.Now,
            };
            db.SupplierDocuments.Add(document);
            await db.SaveChangesAsync(ct);
            db.SupplierDocumentContents.Add(new SupplierDocumentContentRecord { DocumentId = document.Id, OrganizationId = id, Public = document.Public, Bytes = content });
            await db.SaveChangesAsync(ct);
            return SupplierDirectory.ToDto(document);
        }, ct);
    }

    public async Task<DocumentFile> DownloadAsync(long tenant, MarketViewer viewer, long id, long document, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, viewer, ct);
        var row = await db.SupplierDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == document && d.OrganizationId == id, ct) ?? throw NotFound(id, document);
        var content = await db.SupplierDocumentContents.AsNoTracking().Where(c => c.DocumentId == document).Select(c => c.Bytes).FirstOrDefaultAsync(ct) ?? throw NotFound(id, document);
        return new DocumentFile(row.Name, row.ContentType, row.Sha256, content);
    }

    public async Task RemoveAsync(long tenant, MarketViewer viewer, long id, long document, CancellationToken ct) =>
        await data.ChangeAsync(tenant, viewer, async db =>
        {
            await SupplierProfiles.SupplierAsync(db, viewer, id, ct);
            var row = await db.SupplierDocuments.FirstOrDefaultAsync(d => d.Id == document && d.OrganizationId == id, ct) ?? throw NotFound(id, document);
            if (await db.Certifications.AnyAsync(c => c.DocumentId == document, ct))
                throw WeftException.Conflict("document_in_use", $"'{row.Name}' is a certificate's scan; remove the certificate first.");
            await db.SupplierDocumentContents.Where(c => c.DocumentId == document).ExecuteDeleteAsync(ct);
            db.SupplierDocuments.Remove(row);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    public static WeftException TooLarge(string name) => DocumentTypes.TooLarge(name);

    private static WeftException NotFound(long id, long document) => WeftException.NotFound("document_not_found", $"Supplier {id} has no document {document}.");
}
