using Microsoft.EntityFrameworkCore;
using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>
/// A tenant's support mailbox: the address customers write to, the IMAP inbox Weft reads it from (optional: a mail
/// service can post mails to the inbound webhook instead), and the SMTP server replies leave through. Passwords are
/// kept encrypted with the installation's key ring and never read back over the API.
/// </summary>
internal sealed class SupportMailboxRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Address { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? ImapHost { get; set; }
    public int ImapPort { get; set; }
    /// <summary><c>auto</c>, <c>none</c>, <c>starttls</c> or <c>ssl</c>.</summary>
    public string ImapSecurity { get; set; } = "";
    public string? ImapUserName { get; set; }
    public string? ImapPasswordProtected { get; set; }
    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; }
    public string SmtpSecurity { get; set; } = "";
    public string? SmtpUserName { get; set; }
    public string? SmtpPasswordProtected { get; set; }
    /// <summary>Whether the poller reads the IMAP inbox.</summary>
    public bool Polling { get; set; }
    public DateTime? LastPollAt { get; set; }
    /// <summary>Why the last poll failed, or null when it worked.</summary>
    public string? LastPollError { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public static void Build(ModelBuilder b) => b.Entity<SupportMailboxRecord>(e =>
    {
        e.ToTable("support_mailboxes");
        e.HasIndex(x => x.TenantId).IsUnique();
        e.Property(x => x.Address).HasMaxLength(254);
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.ImapHost).HasMaxLength(253);
        e.Property(x => x.ImapSecurity).HasMaxLength(16);
        e.Property(x => x.ImapUserName).HasMaxLength(254);
        e.Property(x => x.ImapPasswordProtected).HasMaxLength(4000);
        e.Property(x => x.SmtpHost).HasMaxLength(253);
        e.Property(x => x.SmtpSecurity).HasMaxLength(16);
        e.Property(x => x.SmtpUserName).HasMaxLength(254);
        e.Property(x => x.SmtpPasswordProtected).HasMaxLength(4000);
        e.Property(x => x.LastPollError).HasMaxLength(1000);
    });
}
