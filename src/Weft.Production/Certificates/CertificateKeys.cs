using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Weft.Production.Persistence;

namespace Weft.Production.Certificates;

/// <summary>Each tenant signs its certificates with a key of its own, made on first use (a second maker loses the race and reads the first's).</summary>
internal sealed class CertificateKeys(ProductionDb data)
{
    private const string Purpose = "piece-certificates";

    public async Task<byte[]> ForAsync(long tenant, CancellationToken ct = default)
    {
        await using (var db = await data.OpenAsync(tenant, ct))
        {
            var existing = await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Purpose == Purpose, ct);
            if (existing is not null) return existing.Key;
        }
        return await data.ChangeAsync(tenant, async (db, _) =>
        {
            var existing = await db.Secrets.AsNoTracking().FirstOrDefaultAsync(s => s.Purpose == Purpose, ct);
            if (existing is not null) return existing.Key;
            var secret = new SecretRecord { Purpose = Purpose, Key = RandomNumberGenerator.GetBytes(32), CreatedAt = data.Now };
            db.Secrets.Add(secret);
            await db.SaveChangesAsync(ct);
            return secret.Key;
        }, ct);
    }
}
