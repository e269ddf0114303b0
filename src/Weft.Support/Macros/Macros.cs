using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Weft.Platform.Errors;
using Weft.Support.Answering;
using Weft.Support.Conversations;
using Weft.Support.Persistence;

namespace Weft.Support.Macros;

/// <summary>
/// A tenant's macros: canned replies with variables and actions. Applying one renders its body for the conversation and,
/// in one transaction, sends it as a person's reply (or note) the way any reply goes, then changes the conversation's
/// fields and status; any refusal leaves everything as it was.
/// </summary>
internal sealed class Macros(SupportDb data, Conversations.Conversations conversations, ConversationFields fields, Turns turns)
{
    public const int MaxTitle = 200;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<IReadOnlyList<MacroDto>> ListAsync(long tenant, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return (await db.Macros.AsNoTracking().OrderBy(m => m.Title).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<MacroDto> GetAsync(long tenant, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        return ToDto(await FindAsync(db.Macros.AsNoTracking(), id, ct));
    }

    public async Task<MacroDto> CreateAsync(long tenant, MacroRequest request, CancellationToken ct)
    {
        var (title, body, actions) = Check(request);
        return await data.ChangeAsync(tenant, async db =>
        {
            await RequireFreeTitleAsync(db, title, null, ct);
            var now = data.Now;
            var macro = new SupportMacroRecord
            {
                Title = title, Body = body, AsNote = request.AsNote ?? false, ActionsJson = JsonSerializer.Serialize(actions, Json), CreatedAt = now, UpdatedAt = now,
            };
            db.Macros.Add(macro);
            await db.SaveChangesAsync(ct);
            return ToDto(macro);
        }, ct);
    }

    public async Task<MacroDto> UpdateAsync(long tenant, long id, MacroRequest request, CancellationToken ct)
    {
        var (title, body, actions) = Check(request);
        return await data.ChangeAsync(tenant, async db =>
        {
            var macro = await FindAsync(db.Macros, id, ct);
            if (request.Version is { } version && version != macro.Version)
                throw WeftException.Conflict("stale_version", $"Macro '{macro.Title}' changed meanwhile (version {macro.Version}); reload it.");
            await RequireFreeTitleAsync(db, title, id, ct);
            macro.Title = title;
            macro.Body = body;
            macro.AsNote = request.AsNote ?? macro.AsNote;
            macro.ActionsJson = JsonSerializer.Serialize(actions, Json);
            macro.UpdatedAt = data.Now;
            await db.SaveChangesAsync(ct);
            return ToDto(macro);
        }, ct);
    }

    public async Task DeleteAsync(long tenant, long id, CancellationToken ct) =>
        await data.ChangeAsync(tenant, async db =>
        {
            db.Macros.Remove(await FindAsync(db.Macros, id, ct));
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The macro rendered for the conversation as <paramref name="agent"/> (or <paramref name="actor"/>) would send it; nothing changes.</summary>
    public async Task<MacroPreview> PreviewAsync(long tenant, string actor, string? agent, long conversation, long macroId, CancellationToken ct)
    {
        var signature = await turns.NameOfAsync(tenant, agent, actor, ct);
        await using var db = await data.OpenAsync(tenant, ct);
        var macro = await FindAsync(db.Macros.AsNoTracking(), macroId, ct);
        var target = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversation, ct)
            ?? throw WeftException.NotFound("conversation_not_found", $"Conversation {conversation} does not exist.");
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == target.CustomerId, ct);
        return new MacroPreview(macro.Id, conversation, macro.Title, Render(macro, target, customer, signature), macro.AsNote, Actions(macro));
    }

    /// <summary>
    /// Applies the macro to the conversation as the caller: its message first (a reply completes the turn's reply step, as
    /// any reply does), then its fields, then its status, all or nothing. <c>version</c> and <c>seenUpTo</c> guard it as
    /// they guard a status change and a reply.
    /// </summary>
    public async Task<MacroApplied> ApplyAsync(long tenant, string actor, string? agent, long conversation, long macroId, ApplyMacroRequest request,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ClientId is { Length: 0 or > 64 }) throw FieldErrors.Of("clientId", "'clientId' is 1-64 characters.");
        var signature = await turns.NameOfAsync(tenant, agent, actor, ct);
        await Conversations.Conversations.RequireAsync(data, tenant, [conversation], ct);
        await using (var read = await data.OpenAsync(tenant, ct))
            await FindAsync(read.Macros.AsNoTracking(), macroId, ct);
        await turns.EnsureFlowAsync(tenant, ct);
        return await data.ChangeAsync(tenant, async (db, unit) =>
        {
            var macro = await FindAsync(db.Macros.AsNoTracking(), macroId, ct);
            var target = await Conversations.Conversations.FindAsync(db, conversation, ct);
            if (request.Version is { } version && version != target.Version)
                throw WeftException.Conflict("stale_version", $"Conversation {target.Number} changed meanwhile (version {target.Version}); reload it.");
            if (target.Status == ConversationStatuses.Closed)
                throw WeftException.Conflict("conversation_closed", $"Conversation {target.Number} is closed; a macro cannot answer or change it.");
            var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == target.CustomerId, ct);
            var actions = Actions(macro);
            MessageDto? message = null;
            if (Render(macro, target, customer, signature) is { } rendered)
            {
                var kind = macro.AsNote ? MessageKinds.Note : MessageKinds.Agent;
                var body = Conversations.Conversations.Body(rendered, "body");
                message = await conversations.AddMessageInAsync(db, unit, tenant, actor, agent, signature, conversation, kind, body,
                    new AddMessageRequest(kind, body, request.ClientId, request.SeenUpTo), ct);
            }
            var edit = ConversationEdit.Check(actions.Priority, actions.Type, actions.AddTags, actions.RemoveTags, null, new FieldErrors());
            if (!edit.IsEmpty) await fields.EditInAsync(db, unit, tenant, actor, conversation, edit, null, ct);
            if (actions.Status is { } status && status != target.Status)
                await conversations.ChangeStatusInAsync(db, unit, tenant, actor, conversation, status, null, ct);
            await db.SaveChangesAsync(ct);
            return new MacroApplied(Conversations.Conversations.ToDto(target, customer), message);
        }, ct);
    }

    private static string? Render(SupportMacroRecord macro, ConversationRecord conversation, CustomerRecord customer, string signature) =>
        macro.Body is not { } body ? null : MacroTemplate.Render(body, new Dictionary<string, string?>
        {
            [MacroTemplate.CustomerName] = customer.Name,
            [MacroTemplate.CustomerFirstName] = MacroTemplate.FirstName(customer.Name),
            [MacroTemplate.CustomerEmail] = customer.Email,
            [MacroTemplate.ConversationNumber] = conversation.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [MacroTemplate.ConversationSubject] = conversation.Subject,
            [MacroTemplate.AgentName] = signature,
        });

    /// <summary>The request's title, body and actions, checked: every wrong field at once (400), then unknown variables (422).</summary>
    private static (string Title, string? Body, MacroActions Actions) Check(MacroRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new FieldErrors();
        var title = request.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length > MaxTitle) errors.Add("title", $"'title' is required, at most {MaxTitle} characters.");
        var body = string.IsNullOrWhiteSpace(request.Body) ? null : request.Body.Trim();
        if (body is { Length: > Conversations.Conversations.MaxBody }) errors.Add("body", $"'body' is at most {Conversations.Conversations.MaxBody:N0} characters.");
        var given = request.Actions;
        var status = given?.Status;
        if (status is not null && (!ConversationStatuses.All.Contains(status) || status == ConversationStatuses.New))
            errors.Add("actions.status", $"'status' is one of {string.Join(", ", ConversationStatuses.All.Where(s => s != ConversationStatuses.New))}.");
        var edit = ConversationEdit.Check(given?.Priority, given?.Type, given?.AddTags, given?.RemoveTags, null, errors, "actions.");
        if (body is null && status is null && edit.IsEmpty) errors.Add("body", "A macro writes a message ('body'), acts ('actions'), or both.");
        errors.ThrowIfAny();
        if (body is not null && MacroTemplate.Unknown(body) is { Count: > 0 } unknown)
            throw WeftException.Rule("unknown_variable",
                $"The body uses {string.Join(", ", unknown.Select(v => $"{{{{{v}}}}}"))}, which {(unknown.Count == 1 ? "is not a variable" : "are not variables")}; the variables are {string.Join(", ", MacroTemplate.Variables.Select(v => $"{{{{{v}}}}}"))}.",
                new Dictionary<string, string[]> { ["body"] = unknown.Select(v => $"Unknown variable {{{{{v}}}}}.").ToArray() });
        var actions = new MacroActions(status, edit.Priority, edit.Type, edit.AddTags.Count > 0 ? edit.AddTags.ToList() : null,
            edit.RemoveTags.Count > 0 ? edit.RemoveTags.ToList() : null);
        return (title!, body, actions);
    }

    private static async Task RequireFreeTitleAsync(SupportDbContext db, string title, long? except, CancellationToken ct)
    {
        if (await db.Macros.AnyAsync(m => m.Title == title && m.Id != except, ct))
            throw WeftException.Conflict("macro_title_taken", $"There is already a macro '{title}'.");
    }

    private static async Task<SupportMacroRecord> FindAsync(IQueryable<SupportMacroRecord> macros, long id, CancellationToken ct) =>
        await macros.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw WeftException.NotFound("macro_not_found", $"Macro {id} does not exist.");

    private static MacroActions Actions(SupportMacroRecord macro) => JsonSerializer.Deserialize<MacroActions>(macro.ActionsJson, Json) ?? new MacroActions();

    private static MacroDto ToDto(SupportMacroRecord m) => new(m.Id, m.Title, m.Body, m.AsNote, Actions(m), m.UpdatedAt, m.Version);
}
