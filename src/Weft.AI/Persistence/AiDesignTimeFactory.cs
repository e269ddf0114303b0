using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.AI.Persistence;

/// <summary>For <c>scripts/add-migration src/Weft.AI AiDbContext …</c>.</summary>
internal sealed class AiDesignTimeFactory : IDesignTimeDbContextFactory<AiDbContext>
{
    public AiDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<AiDbContext>(AiDbContext.Tables, options => new AiDbContext(options));
}
