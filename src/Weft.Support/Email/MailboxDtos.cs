namespace Weft.Support.Email;

/// <summary>
/// The body of <c>PUT /api/v1/support/mailbox</c>. The IMAP part is optional (a mail service may post to the inbound
/// webhook instead); a password left out keeps the one stored, an empty one removes it.
/// </summary>
internal sealed record MailboxRequest(
    string? Address, string? DisplayName,
    string? ImapHost, int? ImapPort, string? ImapSecurity, string? ImapUserName, string? ImapPassword,
    string? SmtpHost, int? SmtpPort, string? SmtpSecurity, string? SmtpUserName, string? SmtpPassword,
    bool? Polling, int? Version);

/// <summary>A tenant's support mailbox as the API shows it: never its passwords, only whether they are set.</summary>
internal sealed record MailboxDto(
    string Address, string? DisplayName,
    string? ImapHost, int ImapPort, string ImapSecurity, string? ImapUserName, bool HasImapPassword,
    string SmtpHost, int SmtpPort, string SmtpSecurity, string? SmtpUserName, bool HasSmtpPassword,
    bool Polling, DateTime? LastPollAt, string? LastPollError, DateTime UpdatedAt, int Version);

/// <summary>What became of one inbound mail.</summary>
/// <param name="Outcome"><c>started</c> (a new conversation), <c>threaded</c> (into an open one), <c>repeat</c> (stored before) or <c>ignored</c> (an automatic reply or our own mail).</param>
internal sealed record InboundResult(string Outcome, long? Conversation, long? Number, long? Message, string MessageId);
