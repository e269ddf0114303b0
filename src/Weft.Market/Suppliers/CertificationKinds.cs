namespace Weft.Market.Suppliers;

/// <summary>The certificates a supplier may hold in the directory, by key, with their names.</summary>
public static class CertificationKinds
{
    public const string Iso9001 = "iso-9001";
    public const string Iso14001 = "iso-14001";
    public const string Iatf16949 = "iatf-16949";
    public const string Reach = "reach";
    public const string ConflictMinerals = "conflict-minerals";

    public static IReadOnlyList<string> All { get; } = [Iso9001, Iso14001, Iatf16949, Reach, ConflictMinerals];

    public static string NameOf(string kind) => kind switch
    {
        Iso9001 => "ISO 9001",
        Iso14001 => "ISO 14001",
        Iatf16949 => "IATF 16949",
        Reach => "REACH registration",
        ConflictMinerals => "Conflict-minerals report (CMRT)",
        _ => kind,
    };

    /// <summary>How long before its expiry a certificate shows as expiring.</summary>
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromDays(60);

    public const string Valid = "valid";
    public const string Expiring = "expiring";
    public const string Expired = "expired";

    public static string StatusOf(DateTime expiresOn, DateTime now) =>
        expiresOn <= now ? Expired : expiresOn - now <= ExpiringWithin ? Expiring : Valid;
}
