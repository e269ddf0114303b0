using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Platform.Web.Security;

namespace Weft.Support.Reports;

internal static class ReportEndpoints
{
    public static void MapSupportReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/support").WithTags("Support reports").RequireAuthorization(SupportPermissions.Read);
        group.MapGet("/reports", async (HttpContext http, SupportReports reports, DateOnly? from, DateOnly? to) =>
        {
            var report = await reports.ReportAsync(http.User.TenantOf()!.Value, from, to, http.RequestAborted);
            return report with { Rows = [] };
        });
        group.MapGet("/reports.csv", async (HttpContext http, SupportReports reports, DateOnly? from, DateOnly? to) =>
        {
            var report = await reports.ReportAsync(http.User.TenantOf()!.Value, from, to, http.RequestAborted);
            return Results.File(Encoding.UTF8.GetBytes(SupportReports.Csv(report)), "text/csv; charset=utf-8",
                $"weft-support-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
        });
    }
}
