using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.Identity.Persistence;

/// <summary>For <c>scripts/add-migration src/Weft.Identity IdentityDbContext …</c>.</summary>
internal sealed class IdentityDesignTimeFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<IdentityDbContext>(IdentityDbContext.Tables, options => new IdentityDbContext(options));
}
