namespace Weft.Identity.Persistence;

/// <summary>An installation-wide setting the identity module keeps (the access-token signing key).</summary>
internal sealed class SettingRecord
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
}
