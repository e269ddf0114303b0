using Weft.AI;
using Weft.Commerce;
using Weft.Flow.Web;
using Weft.Identity;
using Weft.Market;
using Weft.Platform.Web;
using Weft.Platform.Web.Modules;
using Weft.Production;
using Weft.Support;

namespace Weft.Host;

/// <summary>
/// The one list of the app's modules: the only place a module is registered. Stores are migrated and
/// demo data seeded in this order.
/// </summary>
internal static class Modules
{
    public static IReadOnlyList<WeftModule> All { get; } =
    [
        new PlatformModule(),
        new FlowModule(),
        new IdentityModule(),
        new ProductionModule(),
        new AiModule(),
        new CommerceModule(),
        new SupportModule(),
        new MarketModule(),
    ];
}
