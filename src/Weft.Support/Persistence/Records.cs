using Weft.Platform.Persistence;
using Weft.Platform.Tenancy;

namespace Weft.Support.Persistence;

/// <summary>A company that customers belong to, with the tier its SLAs are chosen by.</summary>
internal sealed class OrganizationRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Mail domain whose senders join it (<c>acme.example</c>), if any.</summary>
    public string? Domain { get; set; }
    public string Tier { get; set; } = "";
    public string Notes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A person who writes to support. A merged customer keeps its row, pointing at the one it was merged into.</summary>
internal sealed class CustomerRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>BCP 47 language tag (<c>en</c>, <c>pt-BR</c>).</summary>
    public string Language { get; set; } = "";
    public long? OrganizationId { get; set; }
    /// <summary>Its own tier; the organization's applies when empty.</summary>
    public string Tier { get; set; } = "";
    /// <summary>A JSON array of strings.</summary>
    public string TagsJson { get; set; } = "[]";
    /// <summary>The tenant's custom fields, a JSON object.</summary>
    public string FieldsJson { get; set; } = "{}";
    /// <summary>Who commerce knows this customer as (an email or a customer number), for context from other modules.</summary>
    public string? ExternalRef { get; set; }
    public long? MergedIntoId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A conversation with a customer over one channel: a ticket, with its triage, assignment, SLA clock and survey.</summary>
internal sealed class ConversationRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    /// <summary>The ticket number customers and staff quote (per tenant, from 1001).</summary>
    public long Number { get; set; }
    public long CustomerId { get; set; }
    /// <summary><c>chat</c>, <c>email</c> or <c>api</c>.</summary>
    public string Channel { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Status { get; set; } = "";
    public string Priority { get; set; } = "";
    public string Type { get; set; } = "";
    public string TagsJson { get; set; } = "[]";
    /// <summary>The engine agent (a person) who has it, if any.</summary>
    public string? Assignee { get; set; }
    public string? Team { get; set; }
    public string? Intent { get; set; }
    public double? IntentConfidence { get; set; }
    public string? Language { get; set; }
    /// <summary><c>negative</c>, <c>neutral</c> or <c>positive</c>.</summary>
    public string? Sentiment { get; set; }
    /// <summary>Why the AI tier handed it to people (<c>low_confidence</c>, <c>asked_for_person</c>, <c>people_only</c>, …).</summary>
    public string? HandoverReason { get; set; }
    public string? Summary { get; set; }
    /// <summary>The engine job that carries it through triage, answering and its SLA.</summary>
    public long? JobId { get; set; }
    /// <summary>The secret a chat widget or an email reply proves it belongs here with.</summary>
    public string AccessToken { get; set; } = "";
    public long? MergedIntoId { get; set; }
    public long? SplitFromId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? FirstReplyAt { get; set; }
    public DateTime? LastCustomerMessageAt { get; set; }
    public DateTime? SolvedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public int? CsatScore { get; set; }
    public string? CsatComment { get; set; }
    /// <summary>The SLA policy its targets come from, if one matched.</summary>
    public string? SlaPolicy { get; set; }
    /// <summary>When the reply a person owes is due (first or next reply), while one is owed.</summary>
    public DateTime? ReplyDueAt { get; set; }
    /// <summary>When the first reply was due by its SLA (kept for reports once answered).</summary>
    public DateTime? FirstReplyDueAt { get; set; }
    public DateTime? ResolutionDueAt { get; set; }
    /// <summary>How many times the conversation went through triage and the AI tier (a turn per customer question answered).</summary>
    public int Turns { get; set; }
    /// <summary>The last customer message a turn has covered: later ones start the next turn.</summary>
    public long AnsweredThrough { get; set; }
    /// <summary>Whether a turn's job (<see cref="JobId"/>) is under way: a customer's message then joins it instead of starting one.</summary>
    public bool TurnOpen { get; set; }
    public int Version { get; set; }
}

/// <summary>One message of a conversation; ids grow, so a client that saw id N asks for what came after it.</summary>
internal sealed class MessageRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ConversationId { get; set; }
    /// <summary><c>customer</c>, <c>agent</c>, <c>ai</c>, <c>note</c> (internal) or <c>system</c>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The engine agent who wrote it (agent, ai, note), if any.</summary>
    public string? Author { get; set; }
    public string AuthorName { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The knowledge it cites, a JSON array of {rank, document, heading, excerpt}.</summary>
    public string? CitationsJson { get; set; }
    /// <summary>The channel's own id (an email's Message-ID), to thread replies and ignore repeats.</summary>
    public string? ExternalId { get; set; }
    /// <summary>The client's id for a message it sent, so a resend after a reconnect is recorded once.</summary>
    public string? ClientId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>For a reply sent by email: <c>pending</c> (in the outbox), <c>sent</c> or <c>failed</c> (gave up); null for the rest.</summary>
    public string? DeliveryState { get; set; }
    public int DeliveryAttempts { get; set; }
    /// <summary>When the outbox next tries to send it (a lease while a sender has it).</summary>
    public DateTime? DeliveryDueAt { get; set; }
    public string? DeliveryError { get; set; }
    /// <summary>Its files as lists show them, a JSON array of {id, name, contentType, size} (the rows are in support_attachments).</summary>
    public string? AttachmentsJson { get; set; }
}

/// <summary>A labelled example the tenant's intent classifier learns from: uploaded, or taken from a solved conversation.</summary>
internal sealed class TrainingExampleRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Text { get; set; } = "";
    public string Intent { get; set; } = "";
    /// <summary><c>upload</c> or <c>conversation</c>.</summary>
    public string Source { get; set; } = "";
    public long? ConversationId { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A trained intent classifier: the ML.NET model, how it scored on the held-out part, and the threshold below which it answers unknown.</summary>
internal sealed class IntentModelRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public DateTime TrainedAt { get; set; }
    public string TrainedBy { get; set; } = "";
    public int Examples { get; set; }
    public int Intents { get; set; }
    public double HeldOutAccuracy { get; set; }
    public double Threshold { get; set; }
    public long TrainingMilliseconds { get; set; }
    /// <summary>Per-intent precision and recall and the confusion matrix on the held-out part, as JSON.</summary>
    public string MetricsJson { get; set; } = "{}";
    public byte[] Model { get; set; } = [];
    public bool Active { get; set; }
}

/// <summary>Opening hours in a time zone, with holidays, that SLA clocks run on.</summary>
internal sealed class CalendarRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>IANA time zone (<c>Europe/Lisbon</c>).</summary>
    public string TimeZone { get; set; } = "";
    /// <summary>Per day name (<c>mon</c>…<c>sun</c>) the open intervals, a JSON object of arrays of {from, to} (<c>HH:mm</c>; <c>24:00</c> is midnight).</summary>
    public string HoursJson { get; set; } = "{}";
    /// <summary>Closed dates, a JSON array of <c>yyyy-MM-dd</c>.</summary>
    public string HolidaysJson { get; set; } = "[]";
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Targets for answering a kind of conversation: first reply, next reply and resolution, in business minutes of a
/// calendar. The most specific policy matching a conversation's priority and its customer's tier applies.
/// </summary>
internal sealed class SlaPolicyRecord : ITenantOwned, IVersioned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The priority it applies to, or empty for any.</summary>
    public string Priority { get; set; } = "";
    /// <summary>The customer tier it applies to, or empty for any.</summary>
    public string Tier { get; set; } = "";
    public int? FirstReplyMinutes { get; set; }
    public int? NextReplyMinutes { get; set; }
    public int? ResolutionMinutes { get; set; }
    /// <summary>The calendar its minutes are counted on; none counts every minute.</summary>
    public string? Calendar { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>How the AI tier treats an intent (<c>*</c>: every intent without a policy of its own).</summary>
internal sealed class AiPolicyRecord : ITenantOwned
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public string Intent { get; set; } = "";
    /// <summary><c>answer</c>, <c>verify</c>, <c>copilot</c> or <c>people</c>.</summary>
    public string Mode { get; set; } = "";
    /// <summary>The AI answer's confidence below which a person answers instead.</summary>
    public double MinConfidence { get; set; }
    /// <summary>The priority conversations with this intent get (none keeps the one they came with).</summary>
    public string? Priority { get; set; }
    public DateTime UpdatedAt { get; set; }
}
