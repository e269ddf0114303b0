using Microsoft.EntityFrameworkCore.Design;
using Weft.Platform.Persistence;

namespace Weft.Market.Persistence;

/// <summary>For <c>scripts/add-migration src/Weft.Market MarketDbContext …</c>.</summary>
internal sealed class MarketDesignTimeFactory : IDesignTimeDbContextFactory<MarketDbContext>
{
    public MarketDbContext CreateDbContext(string[] args) =>
        DesignTimeContexts.Create<MarketDbContext>(MarketDbContext.Tables, options => new MarketDbContext(options));
}
