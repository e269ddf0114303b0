using Microsoft.EntityFrameworkCore;
using Weft.Platform.Events;

namespace Weft.Platform.Security;

/// <summary>
/// The key ring that encrypts secrets at rest (providers' API keys, sign-in cookies), kept in the database so that
/// every host process sharing it can read what another encrypted, and a restored backup still can. The keys
/// themselves are stored as the key manager gives them (ASP.NET Core Data Protection: <c>Weft.Platform.Web</c>).
/// </summary>
public sealed class ProtectionKeyStore
{
    private readonly IDbContextFactory<PlatformDbContext> contexts;
    private readonly TimeProvider clock;

    internal ProtectionKeyStore(IDbContextFactory<PlatformDbContext> contexts, TimeProvider clock)
    {
        this.contexts = contexts;
        this.clock = clock;
    }

    // The key manager asks synchronously, seldom (at start, when its cache expires, when it makes a key every 90 days).

    /// <summary>Every key's XML, oldest first.</summary>
    public IReadOnlyList<string> ReadAll() => Task.Run(ReadAllAsync).GetAwaiter().GetResult();

    /// <summary>Adds a key (the key manager never changes or removes one).</summary>
    public void Add(string? friendlyName, string xml) => Task.Run(() => AddAsync(friendlyName, xml)).GetAwaiter().GetResult();

    private async Task<IReadOnlyList<string>> ReadAllAsync()
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.ProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToListAsync();
    }

    private async Task AddAsync(string? friendlyName, string xml)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.ProtectionKeys.Add(new ProtectionKeyRecord { FriendlyName = friendlyName, Xml = xml, CreatedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
    }
}
