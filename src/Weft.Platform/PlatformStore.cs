using Weft.Platform.Events;
using Weft.Platform.Persistence;

namespace Weft.Platform;

/// <summary>The platform's own tables (<c>platform_*</c>: the outbox of integration events and their deliveries, the data protection key ring).</summary>
public static class PlatformStore
{
    public static ModuleStore Tables => PlatformDbContext.Tables;
}
