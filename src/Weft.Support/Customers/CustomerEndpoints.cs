using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Customers;

internal static class CustomerEndpoints
{
    public static void MapCustomers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support/customers").WithTags("Support customers").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("", (HttpContext http, Customers all, string? search, int? limit, string? cursor) =>
            all.ListAsync(http.User.TenantOf()!.Value, search, limit, cursor, http.RequestAborted));
        group.MapGet("/{id:long}", (HttpContext http, Customers all, long id) => all.GetAsync(http.User.TenantOf()!.Value, id, http.RequestAborted));
        group.MapPatch("/{id:long}", (HttpContext http, Customers all, long id, UpdateCustomerRequest body) =>
            all.UpdateAsync(http.User.TenantOf()!.Value, id, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Answer);
        group.MapPost("/{id:long}/merge", (HttpContext http, Customers all, long id, MergeCustomerRequest body) =>
            all.MergeAsync(http.User.TenantOf()!.Value, id, body, http.RequestAborted)).RequireAuthorization(SupportPermissions.Answer);
    }
}
