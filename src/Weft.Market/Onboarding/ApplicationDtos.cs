using Weft.Market.Suppliers;

namespace Weft.Market.Onboarding;

/// <summary>A supplier's application for the badge; <see cref="Step"/> is the verification flow's open step (check-documents or decide), null once decided.</summary>
public sealed record ApplicationDto(
    long Id, long Organization, string OrganizationName, string Country, string State, string? Step, string? Message, long? Job, string SubmittedBy,
    DateTime SubmittedAt, DateTime? DueAt, string? DecidedBy, DateTime? DecidedAt, string? Reason, int Documents, int Version);

/// <summary>An application with what the staff check: the supplier's documents and certificates.</summary>
public sealed record ApplicationDetailDto(ApplicationDto Application, IReadOnlyList<DocumentDto> Documents, IReadOnlyList<CertificationDto> Certifications);

/// <summary>Applying for the badge: a supplier's admin for their organization, or the staff naming one.</summary>
public sealed record ApplicationRequest(long? Organization, string? Message);

/// <summary>The staff's document check: in order or not (a note saying why not is required).</summary>
public sealed record DocumentCheckRequest(bool? Passed, string? Note);

/// <summary>The staff's decision: <c>approve</c> or <c>reject</c> (with a reason).</summary>
public sealed record DecisionRequest(string? Decision, string? Reason);
