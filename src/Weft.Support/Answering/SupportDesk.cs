using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Weft.Flow;
using Weft.Flow.Automation;
using Weft.Platform.Tenancy;
using Weft.Support.Contracts;
using Weft.Support.Conversations;
using Weft.Support.Persistence;
using Weft.Support.Sla;
using Weft.Support.Triage;

namespace Weft.Support.Answering;

/// <summary>
/// Weft's support desk agent, the service agent of the support flow: it triages a turn and delivers what the AI tier
/// answered (or hands the conversation to people). Both steps are idempotent: a repeat after a crash finds its own
/// work done (by the turn's bounds and the messages' client ids) and answers the same.
/// </summary>
internal sealed class SupportDesk(SupportDb data, ActiveIntentModels models, FlowEngines engines, Turns turns, ITenantDirectory tenants) : IAgentHandler
{
    /// <summary>How many earlier messages the AI is shown.</summary>
    public const int TranscriptMessages = 20;

    public Task<AgentResult> HandleAsync(AgentWork work, CancellationToken ct)
    {
        var conversation = work.Data["conversation"]?.GetValue<long>() ?? throw new InvalidOperationException($"Job {work.JobReference} has no 'conversation'.");
        return work.Capability switch
        {
            SupportFlow.Triaging => TriageAsync(work, conversation, ct),
            SupportFlow.Delivering => DeliverAsync(work, conversation, ct),
            _ => throw new InvalidOperationException($"The support desk does not do '{work.Capability}'."),
        };
    }

    private async Task<AgentResult> TriageAsync(AgentWork work, long id, CancellationToken ct)
    {
        var after = work.Data["after"]?.GetValue<long>() ?? 0;
        var aiAgents = await CapableAsync(work.Tenant, ct);
        var model = await models.GetAsync(work.Tenant, ct);
        return await data.ChangeAsync(work.Tenant, async db =>
        {
            var conversation = await db.Conversations.FirstAsync(c => c.Id == id, ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            // A repeat finds the turn's bounds where the first run left them.
            var repeat = conversation.AnsweredThrough > after;
            var asked = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == id && m.Kind == MessageKinds.Customer && m.Id > after && (!repeat || m.Id <= conversation.AnsweredThrough))
                .OrderBy(m => m.Id).ToListAsync(ct);
            if (asked.Count == 0)
                asked = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id && m.Kind == MessageKinds.Customer)
                    .OrderByDescending(m => m.Id).Take(1).ToListAsync(ct);
            var question = string.Join("\n", asked.Select(m => m.Body));
            var now = data.Now;

            if (conversation.Intent is null)
            {
                var prediction = model?.Classifier.Predict(question, model.Threshold);
                conversation.Intent = prediction?.Intent ?? IntentClassifier.Unknown;
                conversation.IntentConfidence = prediction?.Confidence;
                conversation.Language ??= string.IsNullOrEmpty(customer.Language) ? TextSignals.Language(question) : customer.Language;
            }
            conversation.Sentiment = TextSignals.Sentiment(question);
            var policy = await AiPolicies.ForAsync(db, conversation.Intent, ct);
            if (!repeat && conversation.Turns == 1)
            {
                if (policy.Priority is { } set) conversation.Priority = set;
                // An upset customer's first message does not wait behind routine ones.
                if (conversation.Sentiment == "negative" && conversation.Priority is Priorities.Low or Priorities.Normal) conversation.Priority = Priorities.High;
            }

            var tier = customer.Tier;
            if (tier.Length == 0 && customer.OrganizationId is { } org)
                tier = await db.Organizations.AsNoTracking().Where(o => o.Id == org).Select(o => o.Tier).FirstOrDefaultAsync(ct) ?? "";
            var sla = await SlaSettings.TargetsAsync(db, conversation.Priority, tier, ct);
            conversation.SlaPolicy = sla?.Policy;
            if (sla is not null)
            {
                conversation.ResolutionDueAt ??= sla.Due(conversation.CreatedAt, sla.ResolutionMinutes);
                conversation.FirstReplyDueAt ??= sla.Due(conversation.CreatedAt, sla.FirstReplyMinutes);
            }
            var replyDue = sla is null ? null
                : conversation.FirstReplyAt is null ? sla.Due(conversation.CreatedAt, sla.FirstReplyMinutes)
                : sla.Due(asked[0].CreatedAt, sla.NextReplyMinutes);

            // Once people have a conversation they keep it: later turns go straight to them.
            var withPeople = conversation.HandoverReason is not null and not Handovers.CopilotDraft;
            var handover = withPeople ? null
                : TextSignals.AsksForPerson(question) ? Handovers.AskedForPerson
                : policy.Mode == AiModes.People ? Handovers.PeopleOnly
                : !aiAgents.Contains(SupportFlow.Answering) || (policy.Mode == AiModes.Verify && !aiAgents.Contains(SupportFlow.Verifying)) ? Handovers.NoAiAgent
                : null;
            if (handover is not null)
                await HandOverAsync(db, work.JobId, conversation, handover, HandoverSummary(conversation, handover, question), null, replyDue, now, ct);
            var useAi = !withPeople && handover is null;
            if (!useAi)
            {
                conversation.ReplyDueAt = replyDue;
                if (conversation.Status == ConversationStatuses.New) conversation.Status = ConversationStatuses.Open;
            }
            if (!repeat) conversation.AnsweredThrough = Math.Max(after, asked.Max(m => m.Id));
            var route = await Routing.TurnRouting.RouteAsync(db, conversation, ct);
            conversation.UpdatedAt = now;
            await db.SaveChangesAsync(ct);

            var result = new JsonObject
            {
                ["intent"] = conversation.Intent, ["intentConfidence"] = conversation.IntentConfidence, ["language"] = conversation.Language,
                ["sentiment"] = conversation.Sentiment, ["priority"] = conversation.Priority, ["mode"] = policy.Mode, ["minConfidence"] = policy.MinConfidence,
                ["useAi"] = useAi ? "yes" : "no", ["verify"] = policy.Mode == AiModes.Verify ? "yes" : "no",
                ["question"] = question, ["customer"] = customer.Name, ["subject"] = conversation.Subject,
                ["transcript"] = await TranscriptAsync(db, id, asked[0].Id, ct),
            };
            if (handover is not null) result["handover"] = handover;
            foreach (var (field, value) in route) result[field] = value?.DeepClone();
            if (replyDue is { } due) result["replyDue"] = due.ToString("O", CultureInfo.InvariantCulture);
            return new AgentResult(Data: result);
        }, ct);
    }

    private async Task<AgentResult> DeliverAsync(AgentWork work, long id, CancellationToken ct)
    {
        var d = work.Data;
        var reply = d["reply"]?.GetValue<string>()?.Trim() ?? "";
        var confidence = d["confidence"] is JsonValue cv && cv.TryGetValue<double>(out var c) ? c : 0;
        var summary = d["summary"]?.GetValue<string>()?.Trim();
        var needsPerson = d["needsPerson"] is JsonValue nv && nv.TryGetValue<bool>(out var n) && n;
        var mode = d["mode"]?.GetValue<string>() ?? AiModes.Answer;
        var min = d["minConfidence"] is JsonValue mv && mv.TryGetValue<double>(out var m) ? m : AiPolicies.DefaultMinConfidence;
        var rejected = d["verdict"]?.GetValue<string>() == "rejected";
        var issues = d["issues"] is JsonArray list ? list.Select(i => i?.ToString()).Where(i => !string.IsNullOrWhiteSpace(i)).ToList() : [];
        var sources = d[SupportFlow.Answer]?["sources"] is JsonArray cited ? Knowledge.HelpCenterPaths.Linked(cited, await tenants.KeyOfAsync(work.Tenant, ct)) : null;
        var handover = mode == AiModes.Copilot ? Handovers.CopilotDraft
            : rejected ? Handovers.VerificationRejected
            : needsPerson || confidence < min || reply.Length == 0 ? Handovers.LowConfidence
            : null;
        var replyDue = d["replyDue"] is JsonValue rv && rv.TryGetValue<string>(out var text) && DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var due) ? due : (DateTime?)null;

        return await data.ChangeAsync(work.Tenant, async (db, unit) =>
        {
            var conversation = await db.Conversations.FirstAsync(x => x.Id == id, ct);
            var now = data.Now;
            var mine = $"ai-{work.JobId}";
            if (handover is null)
            {
                if (!await db.Messages.AnyAsync(x => x.ConversationId == id && x.ClientId == mine, ct))
                {
                    var answer = new MessageRecord
                    {
                        ConversationId = id, Kind = MessageKinds.Ai, Author = null, AuthorName = "AI assistant", Body = Cut(reply, Conversations.Conversations.MaxBody),
                        CitationsJson = sources is { Count: > 0 } ? sources.ToJsonString() : null, ClientId = mine, CreatedAt = now,
                    };
                    db.Messages.Add(answer);
                    await Email.EmailReplies.QueueAsync(db, conversation, answer, now, ct);
                    if (!string.IsNullOrEmpty(summary)) conversation.Summary = Cut(summary, 4000);
                    var before = conversation.Status;
                    if (conversation.Status is ConversationStatuses.New or ConversationStatuses.Open) conversation.Status = ConversationStatuses.Pending;
                    await db.SaveChangesAsync(ct);
                    db.Publish(new MessageAdded(id, conversation.Number, answer.Id, answer.Kind, answer.AuthorName, answer.Body, now), SupportEvents.Stream);
                    if (before != conversation.Status)
                        db.Publish(new ConversationStatusChanged(id, conversation.Number, before, conversation.Status, now), SupportEvents.Stream);
                }
                if (conversation.JobId == work.JobId)
                {
                    conversation.TurnOpen = false;
                    // The customer wrote again while the answer was being written: that is the next turn.
                    if (await db.Messages.AnyAsync(x => x.ConversationId == id && x.Kind == MessageKinds.Customer && x.Id > conversation.AnsweredThrough, ct))
                        await turns.StartAsync(work.Tenant, unit, "support", conversation, ct);
                }
            }
            else
            {
                var draft = handover == Handovers.CopilotDraft ? reply : null;
                var note = handover switch
                {
                    Handovers.VerificationRejected => $"The checking agent rejected the AI's draft:\n- {string.Join("\n- ", issues.DefaultIfEmpty("(no issues listed)"))}\n\nDraft:\n{reply}",
                    Handovers.LowConfidence => $"The AI's confidence was {confidence.ToString("0.00", CultureInfo.InvariantCulture)} (it needs {min.ToString("0.00", CultureInfo.InvariantCulture)})"
                        + (needsPerson ? " and it asked for a person." : ".") + (reply.Length > 0 ? $"\n\nIts draft:\n{reply}" : ""),
                    _ => null,
                };
                await HandOverAsync(db, work.JobId, conversation, handover, string.IsNullOrEmpty(summary) ? HandoverSummary(conversation, handover, d["question"]?.ToString() ?? "") : summary,
                    draft ?? note, replyDue, now, ct, sources);
                conversation.ReplyDueAt = replyDue;
                if (conversation.Status is ConversationStatuses.New or ConversationStatuses.Pending) conversation.Status = ConversationStatuses.Open;
            }
            // The team may have changed while the AI tier worked: the reply step is routed to the one the conversation has now.
            var route = handover is null ? [] : await Routing.TurnRouting.RouteAsync(db, conversation, ct);
            conversation.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            var delivered = new JsonObject { ["delivered"] = handover is null, ["handover"] = handover };
            foreach (var (field, value) in route) delivered[field] = value?.DeepClone();
            return new AgentResult(handover is null ? "delivered" : "handover", delivered);
        }, ct);
    }

    /// <summary>
    /// Hands the conversation to people: the reason and the summary on the conversation, an internal note with what the AI
    /// tier has (its draft, the checker's issues), and (except for a copilot draft, which the customer need not know of)
    /// a line telling the customer a person will answer. Written once per turn.
    /// </summary>
    private static async Task HandOverAsync(SupportDbContext db, long job, ConversationRecord conversation, string reason, string summary, string? note,
        DateTime? replyDue, DateTime now, CancellationToken ct, JsonArray? sources = null)
    {
        var mine = $"handover-{job}";
        if (await db.Messages.AnyAsync(m => m.ConversationId == conversation.Id && m.ClientId == mine, ct)) return;
        conversation.HandoverReason = reason;
        conversation.Summary = Cut(summary, 4000);
        db.Publish(new ConversationHandedOver(conversation.Id, conversation.Number, reason, conversation.Summary, replyDue, now), SupportEvents.Stream);
        if (note is not null)
            db.Messages.Add(new MessageRecord
            {
                ConversationId = conversation.Id, Kind = MessageKinds.Note, AuthorName = reason == Handovers.CopilotDraft ? "AI draft" : "AI assistant",
                Body = Cut(note, Conversations.Conversations.MaxBody), CitationsJson = sources is { Count: > 0 } ? sources.ToJsonString() : null,
                ClientId = $"note-{job}", CreatedAt = now,
            });
        db.Messages.Add(new MessageRecord
        {
            ConversationId = conversation.Id, Kind = reason == Handovers.CopilotDraft ? MessageKinds.Note : MessageKinds.System, AuthorName = "Weft",
            Body = reason == Handovers.CopilotDraft ? "The AI drafted a reply for a person to review and send."
                : "A person from our team will take it from here and reply in this conversation.",
            ClientId = mine, CreatedAt = now,
        });
    }

    /// <summary>A summary for people when the AI tier wrote none: what triage found and the customer's words.</summary>
    private static string HandoverSummary(ConversationRecord conversation, string reason, string question)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(conversation.Summary)) text.Append(conversation.Summary.Trim()).Append(' ');
        text.Append(reason switch
        {
            Handovers.AskedForPerson => "The customer asked for a person.",
            Handovers.PeopleOnly => $"Intent '{conversation.Intent}' is answered by people only.",
            Handovers.NoAiAgent => "No AI agent is set up to answer.",
            _ => "Handed over.",
        });
        text.Append(CultureInfo.InvariantCulture, $" Intent: {conversation.Intent}");
        if (conversation.IntentConfidence is { } confidence) text.Append(CultureInfo.InvariantCulture, $" ({confidence:0.00})");
        text.Append(CultureInfo.InvariantCulture, $"; sentiment: {conversation.Sentiment}. They wrote: \"{Cut(question, 500)}\"");
        return text.ToString();
    }

    private static async Task<string> TranscriptAsync(SupportDbContext db, long id, long before, CancellationToken ct)
    {
        var earlier = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == id && m.Id < before && (m.Kind == MessageKinds.Customer || m.Kind == MessageKinds.Agent || m.Kind == MessageKinds.Ai))
            .OrderByDescending(m => m.Id).Take(TranscriptMessages).ToListAsync(ct);
        earlier.Reverse();
        return string.Join("\n", earlier.Select(m => $"{(m.Kind == MessageKinds.Customer ? "Customer" : m.Kind == MessageKinds.Ai ? "AI" : "Agent")}: {Cut(m.Body, 1000)}"));
    }

    /// <summary>The AI capabilities some agent of the tenant has (answering, verifying).</summary>
    private async Task<HashSet<string>> CapableAsync(long tenant, CancellationToken ct)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await engines.For(tenant).Agents.ListAgentsAsync(200, cursor, ct);
            foreach (var agent in page.Items)
                foreach (var capability in agent.Capabilities)
                    if (capability.Name is SupportFlow.Answering or SupportFlow.Verifying) found.Add(capability.Name);
            cursor = page.NextCursor;
        } while (cursor is not null && found.Count < 2);
        return found;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";
}

/// <summary>Why a conversation went to people.</summary>
internal static class Handovers
{
    public const string LowConfidence = "low_confidence";
    public const string AskedForPerson = "asked_for_person";
    public const string PeopleOnly = "people_only";
    public const string VerificationRejected = "verification_rejected";
    public const string CopilotDraft = "copilot_draft";
    public const string NoAiAgent = "no_ai_agent";

    /// <summary>A reason in words, for the team's pages.</summary>
    public static string Describe(string reason) => reason switch
    {
        LowConfidence => "the AI was not sure",
        AskedForPerson => "the customer asked for a person",
        PeopleOnly => "people answer this intent",
        VerificationRejected => "the checking agent rejected the AI's draft",
        CopilotDraft => "the AI drafted a reply for you",
        NoAiAgent => "no AI agent answers here",
        _ => reason.Replace('_', ' '),
    };
}
