using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.Platform.Events;

/// <summary>For <c>dotnet ef migrations add … --project src/Weft.Platform</c>.</summary>
internal sealed class PlatformDesignTimeFactory : IDesignTimeDbContextFactory<PlatformDbContext>
{
    public PlatformDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<PlatformDbContext>(PlatformDbContext.Tables, options => new PlatformDbContext(options));
}
