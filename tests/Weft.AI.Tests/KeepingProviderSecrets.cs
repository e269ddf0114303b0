using Microsoft.AspNetCore.DataProtection;
using Weft.AI.Providers;

namespace Weft.AI.Tests;

/// <summary>A provider's API key is stored encrypted under its tenant's purpose: only that tenant's rows decrypt it.</summary>
public sealed class KeepingProviderSecrets
{
    private readonly ProviderSecrets secrets = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void A_key_comes_back_only_for_the_tenant_that_stored_it()
    {
        var stored = secrets.Protect(tenant: 1, "sk-live-abc123");
        stored.ShouldNotContain("sk-live");
        secrets.Unprotect(1, stored).ShouldBe("sk-live-abc123");
        Should.Throw<System.Security.Cryptography.CryptographicException>(() => secrets.Unprotect(2, stored));
    }

    [Fact]
    public void The_same_key_is_stored_differently_each_time()
    {
        secrets.Protect(1, "sk-live-abc123").ShouldNotBe(secrets.Protect(1, "sk-live-abc123"));
    }
}
