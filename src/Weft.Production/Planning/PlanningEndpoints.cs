using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Production.Planning;

internal static class PlanningEndpoints
{
    public static void MapPlanning(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/production/plan", (HttpContext http, ProductionPlan plan, int? days) =>
            plan.BuildAsync(Tenant(http), days, http.RequestAborted)).WithTags("Plan").RequireAuthorization(ProductionPermissions.Read);
        var calendars = app.MapGroup("/api/v1/shift-calendars").WithTags("Plan").RequireAuthorization(ProductionPermissions.Read);
        calendars.MapGet("", (HttpContext http, ShiftCalendars shifts) => shifts.ListAsync(Tenant(http), http.RequestAborted));
        calendars.MapPut("/{agent}", (HttpContext http, ShiftCalendars shifts, string agent, SaveShiftCalendarRequest body) =>
            shifts.SaveAsync(Tenant(http), agent, body, http.RequestAborted)).RequireAuthorization(ProductionPermissions.Manage);
    }

    private static long Tenant(HttpContext http) => http.User.TenantOf()!.Value;
}
