using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Weft.Platform.Persistence;

/// <summary>
/// Carries <see cref="ModuleContextDependencies"/> in a context's options, so a context is built from its
/// options alone: what EF Core's context pooling needs (see <see cref="ModuleDbContext"/>).
/// </summary>
internal sealed class ModuleOptionsExtension(ModuleContextDependencies dependencies) : IDbContextOptionsExtension
{
    public ModuleContextDependencies Dependencies => dependencies;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "";

        // The dependencies add no services of EF's own: every context shares one internal service provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
