using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;
using Weft.Support.Answering;

namespace Weft.Support.Sla;

internal static class SlaEndpoints
{
    public static void MapSupportSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("Support settings").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("/calendars", (HttpContext http, SlaSettings sla) => sla.ListCalendarsAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapPut("/calendars/{key}", (HttpContext http, SlaSettings sla, string key, CalendarRequest body) =>
            sla.PutCalendarAsync(http.User.TenantOf()!.Value, key, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/calendars/{key}", async (HttpContext http, SlaSettings sla, string key) =>
        {
            await sla.DeleteCalendarAsync(http.User.TenantOf()!.Value, key, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);
        group.MapGet("/sla-policies", (HttpContext http, SlaSettings sla) => sla.ListPoliciesAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapPut("/sla-policies/{key}", (HttpContext http, SlaSettings sla, string key, SlaPolicyRequest body) =>
            sla.PutPolicyAsync(http.User.TenantOf()!.Value, key, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/sla-policies/{key}", async (HttpContext http, SlaSettings sla, string key) =>
        {
            await sla.DeletePolicyAsync(http.User.TenantOf()!.Value, key, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);
        group.MapGet("/ai-policies", (HttpContext http, AiPolicies policies) => policies.ListAsync(http.User.TenantOf()!.Value, http.RequestAborted));
        group.MapPut("/ai-policies/{intent}", (HttpContext http, AiPolicies policies, string intent, AiPolicyRequest body) =>
            policies.PutAsync(http.User.TenantOf()!.Value, intent, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Manage);
        group.MapDelete("/ai-policies/{intent}", async (HttpContext http, AiPolicies policies, string intent) =>
        {
            await policies.DeleteAsync(http.User.TenantOf()!.Value, intent, http.RequestAborted);
            return TypedResults.NoContent();
        }).RequireAuthorization(SupportPermissions.Manage);
    }
}
