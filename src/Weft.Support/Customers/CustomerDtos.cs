using System.Text.Json.Nodes;

namespace Weft.Support.Customers;

internal sealed record CustomerDto(
    long Id, string Name, string? Email, string? Phone, string Language, long? Organization, string? OrganizationName, string Tier,
    IReadOnlyList<string> Tags, JsonObject Fields, string? ExternalRef, long? MergedInto, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>A customer with the conversations they had (newest first, those of customers merged into them included).</summary>
internal sealed record CustomerDetail(CustomerDto Customer, IReadOnlyList<CustomerConversation> Conversations);

internal sealed record CustomerConversation(long Id, long Number, string Subject, string Status, string Channel, DateTime CreatedAt, int? Csat);

/// <summary>The body of <c>PATCH /api/v1/support/customers/{id}</c>: what changes; absent fields stay.</summary>
internal sealed record UpdateCustomerRequest(
    string? Name, string? Email, string? Phone, string? Language, string? Tier, IReadOnlyList<string>? Tags, JsonObject? Fields, string? ExternalRef,
    int? Version);

/// <summary>The body of <c>POST /api/v1/support/customers/{id}/merge</c>: the customer this one is a duplicate of.</summary>
internal sealed record MergeCustomerRequest(long? Into);
