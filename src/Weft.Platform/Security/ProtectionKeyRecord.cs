namespace Weft.Platform.Security;

/// <summary>One key of the installation's data protection key ring, as the key manager writes it (an XML element).</summary>
internal sealed class ProtectionKeyRecord
{
    public long Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
