using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.AI.Costs;

internal static class CostEndpoints
{
    public static void MapCosts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/ai/costs", (HttpContext http, CostReports reports, DateOnly? from, DateOnly? to, string? by) =>
            reports.ReportAsync(http.User.TenantOf()!.Value, from, to, by, http.RequestAborted)).WithTags("AI costs").RequireAuthorization(AiPermissions.Read);
        app.MapGet("/api/v1/ai/costs/daily", (HttpContext http, CostReports reports, DateOnly? from, DateOnly? to, string? by) =>
            reports.DailyAsync(http.User.TenantOf()!.Value, from, to, by, http.RequestAborted)).WithTags("AI costs").RequireAuthorization(AiPermissions.Read);
        app.MapGet("/api/v1/ai/costs.csv", async (HttpContext http, CostReports reports, DateOnly? from, DateOnly? to, string? by) =>
        {
            var report = await reports.ReportAsync(http.User.TenantOf()!.Value, from, to, by, http.RequestAborted);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(CostReports.Csv(report)), "text/csv; charset=utf-8",
                $"weft-ai-costs-{report.By}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
        }).WithTags("AI costs").RequireAuthorization(AiPermissions.Read);
    }
}
