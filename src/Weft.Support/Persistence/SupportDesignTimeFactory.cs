using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.Support.Persistence;

/// <summary>For <c>scripts/add-migration src/Weft.Support SupportDbContext …</c>.</summary>
internal sealed class SupportDesignTimeFactory : IDesignTimeDbContextFactory<SupportDbContext>
{
    public SupportDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<SupportDbContext>(SupportDbContext.Tables, options => new SupportDbContext(options));
}
