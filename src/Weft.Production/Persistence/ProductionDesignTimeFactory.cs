using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.Production.Persistence;

/// <summary>For <c>scripts/add-migration src/Weft.Production ProductionDbContext …</c>.</summary>
internal sealed class ProductionDesignTimeFactory : IDesignTimeDbContextFactory<ProductionDbContext>
{
    public ProductionDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<ProductionDbContext>(ProductionDbContext.Tables, options => new ProductionDbContext(options));
}
