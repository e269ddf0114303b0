using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.Commerce.Persistence;

/// <summary>For <c>scripts/add-migration src/Weft.Commerce CommerceDbContext …</c>.</summary>
internal sealed class CommerceDesignTimeFactory : IDesignTimeDbContextFactory<CommerceDbContext>
{
    public CommerceDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<CommerceDbContext>(CommerceDbContext.Tables, options => new CommerceDbContext(options));
}
