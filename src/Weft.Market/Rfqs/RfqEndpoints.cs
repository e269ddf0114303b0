using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Weft.Market.Organizations;

namespace Weft.Market.Rfqs;

internal static class RfqEndpoints
{
    public static void MapRfqs(this IEndpointRouteBuilder app)
    {
        var rfqs = app.MapGroup("/api/v1/market/rfqs").WithTags("Market RFQs").RequireAuthorization(MarketPermissions.Read);
        rfqs.MapGet("", async (HttpContext http, Rfqs service, string? state, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), state, limit, cursor, http.RequestAborted));
        rfqs.MapGet("/{id:long}", async (HttpContext http, Rfqs service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapPost("", async (HttpContext http, Rfqs service, CreateRfqRequest body) =>
        {
            var created = await service.CreateAsync(http.Tenant(), await http.ViewerAsync(), body, http.RequestAborted);
            return TypedResults.Created($"/api/v1/market/rfqs/{created.Id}", created);
        }).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/invitations", async (HttpContext http, Rfqs service, long id, InviteRequest body) =>
            await service.InviteAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapGet("/{id:long}/history", async (HttpContext http, RfqHistory service, long id) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapPost("/{id:long}/cancel", async (HttpContext http, Rfqs service, long id, CancelRfqRequest body) =>
            await service.CancelAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPut("/{id:long}/deadline", async (HttpContext http, Rfqs service, long id, DeadlineRequest body) =>
            await service.ExtendAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/questions", async (HttpContext http, RfqQuestions service, long id, QuestionRequest body) =>
            await service.AskAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPost("/{id:long}/questions/{questionId:long}/answer", async (HttpContext http, RfqQuestions service, long id, long questionId, AnswerRequest body) =>
            await service.AnswerAsync(http.Tenant(), await http.ViewerAsync(), id, questionId, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapPut("/{id:long}/quote", async (HttpContext http, Quotes service, long id, QuoteRequest body) =>
            await service.SubmitAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);
        rfqs.MapGet("/{id:long}/quotes", async (HttpContext http, Quotes service, long id, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), id, limit, cursor, http.RequestAborted));
        rfqs.MapGet("/{id:long}/comparison", async (HttpContext http, Comparisons service, long id) =>
            await service.CompareAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapGet("/{id:long}/comparison.csv", async (HttpContext http, Comparisons service, long id) =>
            TypedResults.Text(await service.ExportAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted), "text/csv"));
        rfqs.MapGet("/{id:long}/awards", async (HttpContext http, Awards service, long id) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));
        rfqs.MapPost("/{id:long}/awards", async (HttpContext http, Awards service, long id, AwardRequest body) =>
            await service.AwardAsync(http.Tenant(), await http.ViewerAsync(), id, body, http.RequestAborted)).RequireAuthorization(MarketPermissions.Trade);

        var quotes = app.MapGroup("/api/v1/market/quotes").WithTags("Market RFQs").RequireAuthorization(MarketPermissions.Read);
        quotes.MapGet("", async (HttpContext http, Quotes service, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), null, limit, cursor, http.RequestAborted));
        quotes.MapGet("/{id:long}", async (HttpContext http, Quotes service, long id) =>
            await service.GetAsync(http.Tenant(), await http.ViewerAsync(), id, http.RequestAborted));

        app.MapGet("/api/v1/market/notices", async (HttpContext http, Notices.MarketNotices service, int? limit, string? cursor) =>
            await service.ListAsync(http.Tenant(), await http.ViewerAsync(), limit, cursor, http.RequestAborted))
            .WithTags("Market RFQs").RequireAuthorization(MarketPermissions.Read);
    }
}
