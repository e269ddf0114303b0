using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Customers;

/// <summary>
/// Finds the customer a message comes from by email (a merged customer leads to the one it was merged into), or makes
/// one; a sender whose mail domain is an organization's joins it.
/// </summary>
internal static class CustomerMatching
{
    public const int MaxName = 200;

    public static async Task<CustomerRecord> FindOrCreateAsync(SupportDbContext db, CustomerRef? who, DateTime now, CancellationToken ct)
    {
        var email = who?.Email?.Trim().ToLowerInvariant();
        var name = who?.Name?.Trim();
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(name))
            throw FieldErrors.Of("customer", "'customer' needs an 'email' or a 'name'.");
        if (email is not null && (email.Length > 254 || !IsEmail(email)))
            throw FieldErrors.Of("customer.email", "'customer.email' is not an email address.");
        if (name is { Length: > MaxName }) throw FieldErrors.Of("customer.name", $"'customer.name' is at most {MaxName} characters.");
        var language = who?.Language?.Trim();
        if (language is { Length: > 16 }) throw FieldErrors.Of("customer.language", "'customer.language' is a language tag such as 'en' or 'pt-BR'.");
        if (!string.IsNullOrEmpty(email))
        {
            var found = await db.Customers.OrderBy(c => c.MergedIntoId != null).ThenBy(c => c.Id).FirstOrDefaultAsync(c => c.Email == email, ct);
            // A merged duplicate's address still reaches the person: the customer it was merged into.
            for (var hops = 0; found?.MergedIntoId is { } into && hops < 10; hops++)
                found = await db.Customers.FirstOrDefaultAsync(c => c.Id == into, ct);
            if (found is not null) return found;
        }
        var domain = email?[(email.IndexOf('@') + 1)..];
        var organization = domain is null ? null : await db.Organizations.Where(o => o.Domain == domain).Select(o => (long?)o.Id).FirstOrDefaultAsync(ct);
        var customer = new CustomerRecord
        {
            Name = string.IsNullOrEmpty(name) ? email! : name, Email = email, Language = language ?? "", OrganizationId = organization,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(ct);
        return customer;
    }

    public static bool IsEmail(string s)
    {
        var at = s.IndexOf('@');
        return at > 0 && at == s.LastIndexOf('@') && s.IndexOf('.', at) > at + 1 && !s.EndsWith('.') && !s.Any(char.IsWhiteSpace);
    }
}
