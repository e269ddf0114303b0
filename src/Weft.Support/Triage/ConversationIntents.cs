using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Contracts;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Triage;

/// <summary>
/// A person names a conversation's intent (correcting the classifier, or labelling one it could not place): the
/// conversation takes it, and the customer's first message becomes a training example of it, so past tickets teach the
/// next model. Labelling a conversation again replaces its example.
/// </summary>
internal sealed class ConversationIntents(SupportDb data)
{
    public const string FromConversation = "conversation";

    public async Task<ConversationDto> LabelAsync(long tenant, string actor, long id, LabelIntentRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var intent = request.Intent?.Trim() ?? "";
        if (ExampleCsv.Check("x", intent).FirstOrDefault() is { Message: { } wrong }) throw FieldErrors.Of("intent", wrong);
        return await data.ChangeAsync(tenant, async db =>
        {
            var conversation = await Conversations.Conversations.FindAsync(db, id, ct);
            if (request.Version is { } version && version != conversation.Version)
                throw WeftException.Conflict("stale_version", $"Conversation {conversation.Number} changed meanwhile (version {conversation.Version}); reload it.");
            var first = await db.Messages.AsNoTracking().Where(m => m.ConversationId == id && m.Kind == MessageKinds.Customer).OrderBy(m => m.Id)
                .Select(m => m.Body).FirstOrDefaultAsync(ct)
                ?? throw WeftException.Rule("no_customer_message", $"Conversation {conversation.Number} has no message from the customer to learn from.");
            var text = first.Trim();
            if (text.Length > ExampleCsv.MaxTextLength) text = text[..ExampleCsv.MaxTextLength];
            await db.TrainingExamples.Where(e => e.ConversationId == id).ExecuteDeleteAsync(ct);
            db.TrainingExamples.Add(new TrainingExampleRecord { Text = text, Intent = intent, Source = FromConversation, ConversationId = id, CreatedAt = data.Now });
            conversation.Intent = intent;
            conversation.IntentConfidence = null;
            conversation.UpdatedAt = data.Now;
            db.Publish(new ConversationUpdated(id, conversation.Number, ["intent"], conversation.Priority, conversation.Type.Length == 0 ? null : conversation.Type,
                ConversationTags.Read(conversation.TagsJson), conversation.Assignee, data.Now), SupportEvents.Stream);
            await db.SaveChangesAsync(ct);
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == conversation.CustomerId, ct);
            return Conversations.Conversations.ToDto(conversation, customer);
        }, ct);
    }
}

/// <summary>The body of <c>PUT /api/v1/support/conversations/{id}/intent</c>: the intent a person names, and the version they saw.</summary>
internal sealed record LabelIntentRequest(string? Intent, int? Version);
