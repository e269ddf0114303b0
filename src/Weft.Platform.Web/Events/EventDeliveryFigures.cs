using System.Security.Claims;
using Weft.Platform.Events;
using Weft.Platform.Web.Security;
using Weft.Platform.Web.Ui;

namespace Weft.Platform.Web.Events;

/// <summary>On an admin's home page: integration events that failed and wait for them.</summary>
internal sealed class EventDeliveryFigures(EventDeliveries deliveries) : IHomeFigures
{
    public IReadOnlyCollection<string> Tables => ["platform_event_deliveries"];

    public async Task<IReadOnlyList<HomeFigure>> ForAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!caller.Can(PlatformPermissions.Admin) || caller.TenantOf() is not { } tenant) return [];
        var parked = await deliveries.CountAsync(tenant, DeliveryStates.Parked, ct);
        return [new HomeFigure("Failed integration events", parked, "Events a module could not handle; retry or dismiss them.", "/admin/events", Urgent: true, Order: 90)];
    }
}
