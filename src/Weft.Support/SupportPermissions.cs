namespace Weft.Support;

/// <summary>The support module's permissions; each is also the name of its authorization policy.</summary>
public static class SupportPermissions
{
    /// <summary>See customers, conversations, the knowledge base, triage and reports.</summary>
    public const string Read = "support:read";

    /// <summary>Answer customers: reply, add notes, assign, change status, merge and split conversations.</summary>
    public const string Answer = "support:answer";

    /// <summary>Configure support: SLA policies, business hours, macros, triage training, AI policies, webhooks.</summary>
    public const string Manage = "support:manage";
}
