using Microsoft.EntityFrameworkCore;
using MimeKit;
using Weft.Platform.Errors;
using Weft.Support.Customers;
using Weft.Support.Persistence;

namespace Weft.Support.Email;

/// <summary>A tenant's support mailbox settings: read (without passwords) and replaced as a whole, checked first.</summary>
internal sealed class Mailboxes(SupportDb data, MailboxSecrets secrets)
{
    public async Task<MailboxDto> GetAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var row = await db.Mailboxes.AsNoTracking().FirstOrDefaultAsync(ct)
            ?? throw WeftException.NotFound("mailbox_not_configured", "No support mailbox is configured: PUT /api/v1/support/mailbox.");
        return ToDto(row);
    }

    public async Task<MailboxDto> PutAsync(long tenant, MailboxRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var address = request.Address?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(address) || address.Length > 254 || !CustomerMatching.IsEmail(address) || !MailboxAddress.TryParse(address, out _))
            errors.Add("address", "'address' is the support email address customers write to (support@example.com).");
        var name = request.DisplayName?.Trim();
        if (name is { Length: > 200 }) errors.Add("displayName", "'displayName' is at most 200 characters.");
        var imapHost = Host(request.ImapHost, "imapHost", required: false, errors);
        var smtpHost = Host(request.SmtpHost, "smtpHost", required: true, errors);
        var imapPort = Port(request.ImapPort, "imapPort", 993, errors);
        var smtpPort = Port(request.SmtpPort, "smtpPort", 587, errors);
        var imapSecurity = Security(request.ImapSecurity, "imapSecurity", errors);
        var smtpSecurity = Security(request.SmtpSecurity, "smtpSecurity", errors);
        var imapUser = UserName(request.ImapUserName, "imapUserName", errors);
        var smtpUser = UserName(request.SmtpUserName, "smtpUserName", errors);
        if (request.ImapPassword is { Length: > 1000 }) errors.Add("imapPassword", "'imapPassword' is at most 1,000 characters.");
        if (request.SmtpPassword is { Length: > 1000 }) errors.Add("smtpPassword", "'smtpPassword' is at most 1,000 characters.");
        if (imapHost is not null && imapUser is null) errors.Add("imapUserName", "'imapUserName' is required with an 'imapHost'.");
        var polling = request.Polling ?? imapHost is not null;
        if (polling && imapHost is null) errors.Add("polling", "'polling' needs an 'imapHost' to read.");
        errors.ThrowIfAny();

        return await data.ChangeAsync(tenant, async db =>
        {
            var row = await db.Mailboxes.FirstOrDefaultAsync(ct);
            if (row is not null && request.Version is { } version && version != row.Version)
                throw WeftException.Conflict("stale_version", $"The mailbox changed meanwhile (version {row.Version}); reload it.");
            var imapPassword = Password(tenant, request.ImapPassword, row?.ImapPasswordProtected);
            if (imapHost is not null && imapPassword is null)
                throw FieldErrors.Of("imapPassword", "'imapPassword' is required with an 'imapHost' (none is stored yet).");
            if (row is null)
            {
                row = new SupportMailboxRecord();
                db.Mailboxes.Add(row);
            }
            row.Address = address!;
            row.DisplayName = string.IsNullOrEmpty(name) ? null : name;
            row.ImapHost = imapHost;
            row.ImapPort = imapPort;
            row.ImapSecurity = imapSecurity;
            row.ImapUserName = imapUser;
            row.ImapPasswordProtected = imapHost is null ? null : imapPassword;
            row.SmtpHost = smtpHost!;
            row.SmtpPort = smtpPort;
            row.SmtpSecurity = smtpSecurity;
            row.SmtpUserName = smtpUser;
            row.SmtpPasswordProtected = smtpUser is null ? null : Password(tenant, request.SmtpPassword, row.SmtpPasswordProtected);
            row.Polling = polling;
            row.LastPollError = null;
            row.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(row);
        }, ct);
    }

    /// <summary>The stored form of a password: a new one encrypted, none given keeps the stored one, an empty one removes it.</summary>
    private string? Password(long tenant, string? given, string? stored) => given switch
    {
        null => stored,
        "" => null,
        _ => secrets.Protect(tenant, given),
    };

    private static string? Host(string? host, string field, bool required, FieldErrors errors)
    {
        var text = host?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(field, $"'{field}' is required: the mail server's host name.");
            return null;
        }
        if (text.Length > 253 || Uri.CheckHostName(text) == UriHostNameType.Unknown)
            errors.Add(field, $"'{field}' is a host name or IP address (mail.example.com), without scheme or port.");
        return text;
    }

    private static int Port(int? port, string field, int otherwise, FieldErrors errors)
    {
        if (port is null) return otherwise;
        if (port is < 1 or > 65535) errors.Add(field, $"'{field}' is 1-65535.");
        return port.Value;
    }

    private static string Security(string? security, string field, FieldErrors errors)
    {
        var text = security?.Trim().ToLowerInvariant() ?? MailSecurity.Auto;
        if (!MailSecurity.All.Contains(text)) errors.Add(field, $"'{field}' is one of {string.Join(", ", MailSecurity.All)}.");
        return text;
    }

    private static string? UserName(string? user, string field, FieldErrors errors)
    {
        var text = user?.Trim();
        if (text is { Length: > 254 }) errors.Add(field, $"'{field}' is at most 254 characters.");
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static MailboxDto ToDto(SupportMailboxRecord m) => new(m.Address, m.DisplayName, m.ImapHost, m.ImapPort, m.ImapSecurity, m.ImapUserName,
        m.ImapPasswordProtected is not null, m.SmtpHost, m.SmtpPort, m.SmtpSecurity, m.SmtpUserName, m.SmtpPasswordProtected is not null, m.Polling,
        m.LastPollAt, m.LastPollError, m.UpdatedAt, m.Version);
}
