using Microsoft.EntityFrameworkCore;
using Weft.Market.Persistence;
using Weft.Market.Visibility;
using Weft.Platform.Errors;

namespace Weft.Market.Rfqs;

/// <summary>
/// Questions on an RFQ: a supplier who sees it asks while quoting is open, the buyer answers, and everyone who sees the
/// RFQ reads both without learning who asked (invited suppliers are told of each answer).
/// </summary>
internal sealed class RfqQuestions(MarketDb data)
{
    public async Task<QuestionDto> AskAsync(long tenant, MarketViewer viewer, long id, QuestionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000) throw FieldErrors.Of("text", "'text' is required, at most 2,000 characters.");
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var rfq = await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            RfqRules.RequireSupplier(viewer);
            RfqRules.RequireQuoting(rfq, data.Now);
            var question = new RfqQuestionRecord
            {
                RfqId = id, BuyerOrganizationId = rfq.BuyerOrganizationId, AskedByOrganizationId = viewer.Organization, Text = text, AskedAt = data.Now,
            };
            db.RfqQuestions.Add(question);
            await db.SaveChangesAsync(ct);
            return new QuestionDto(question.Id, question.Text, null, question.AskedAt, null, true);
        }, ct);
    }

    public async Task<QuestionDto> AnswerAsync(long tenant, MarketViewer viewer, long id, long questionId, AnswerRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = request.Answer?.Trim();
        if (string.IsNullOrEmpty(answer) || answer.Length > 4000) throw FieldErrors.Of("answer", "'answer' is required, at most 4,000 characters.");
        return await data.ChangeAsync(tenant, viewer, async db =>
        {
            var rfq = await db.Rfqs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw RfqRules.NotFound(id);
            var question = await db.RfqQuestions.FirstOrDefaultAsync(q => q.Id == questionId && q.RfqId == id, ct)
                ?? throw WeftException.NotFound("question_not_found", $"RFQ {id} has no question {questionId}.");
            RfqRules.RequireBuyerOf(viewer, rfq);
            if (rfq.State is RfqStates.Awarded or RfqStates.Lapsed or RfqStates.Cancelled)
                throw WeftException.Conflict("rfq_finished", $"{rfq.Number} is {rfq.State}; its questions are closed.");
            var first = question.Answer is null;
            question.Answer = answer;
            question.AnsweredAt = data.Now;
            if (first)
            {
                var invited = await db.RfqInvitations.Where(i => i.RfqId == id).Select(i => i.SupplierOrganizationId).ToListAsync(ct);
                foreach (var supplier in invited.Append(question.AskedByOrganizationId).Distinct())
                    db.Notices.Add(RfqRules.Notice(supplier, NoticeKinds.QuestionAnswered, rfq, $"A question on {rfq.Number} \"{rfq.Title}\" was answered.", data.Now));
            }
            await db.SaveChangesAsync(ct);
            return new QuestionDto(question.Id, question.Text, question.Answer, question.AskedAt, question.AnsweredAt, false);
        }, ct);
    }
}
