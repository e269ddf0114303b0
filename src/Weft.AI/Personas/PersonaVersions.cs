using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Weft.AI.Agents;
using Weft.AI.Persistence;
using Weft.Platform.Audit;
using Weft.Platform.Errors;

namespace Weft.AI.Personas;

/// <summary>
/// An AI agent's instructions, versioned: an admin edits the draft and tries it (a run with <c>persona: "draft"</c>),
/// publishes it as the next version (which becomes the active one), and rolls back by activating an older version.
/// Published versions never change.
/// </summary>
internal sealed class PersonaVersions(AiDb data)
{
    public const int MaxInstructions = 20_000;
    public const string DraftName = "draft";

    public async Task<PersonaDto> GetAsync(long tenant, string agent, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var profile = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentKey == agent, ct) ?? throw AgentProfileRules.NotFound(agent);
        var rows = await db.Personas.AsNoTracking().Where(p => p.AgentKey == agent).OrderBy(p => p.Number).ToListAsync(ct);
        return ToDto(profile, rows);
    }

    public async Task<PersonaDto> SaveDraftAsync(long tenant, string actor, string agent, SaveDraftRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        CheckInstructions(errors, request.Instructions);
        errors.ThrowIfAny();
        return await data.ChangeAsync(tenant, async db =>
        {
            var profile = await ProfileAsync(db, agent, ct);
            var draft = await db.Personas.FirstOrDefaultAsync(p => p.AgentKey == agent && p.Number == 0, ct);
            if (draft is null)
            {
                draft = new PersonaRecord { AgentKey = agent, Number = 0, CreatedBy = actor, CreatedAt = data.Now };
                db.Personas.Add(draft);
            }
            draft.Instructions = request.Instructions!;
            draft.UpdatedAt = data.Now;
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(profile, await db.Personas.AsNoTracking().Where(p => p.AgentKey == agent).OrderBy(p => p.Number).ToListAsync(ct));
        }, ct);
    }

    public static void CheckInstructions(FieldErrors errors, string? instructions)
    {
        if (instructions is null || instructions.Length > MaxInstructions)
            errors.Add("instructions", $"'instructions' is required, at most {MaxInstructions:N0} characters.");
    }

    /// <summary>The draft becomes the next version, and the active one.</summary>
    public async Task<PersonaDto> PublishAsync(long tenant, string actor, string agent, PublishPersonaRequest request, CancellationToken ct = default)
    {
        if (request.Note is { Length: > 500 })
            throw FieldErrors.Of("note", "'note' is at most 500 characters.");
        return await data.ChangeAsync(tenant, async db =>
        {
            var profile = await ProfileAsync(db, agent, ct);
            var rows = await db.Personas.Where(p => p.AgentKey == agent).ToListAsync(ct);
            var draft = rows.Find(p => p.Number == 0) ?? throw WeftException.Conflict("no_persona_draft", $"Agent '{agent}' has no draft to publish.");
            var last = rows.Where(p => p.Number > 0).MaxBy(p => p.Number);
            if (last is not null && last.Instructions == draft.Instructions)
                throw WeftException.Conflict("persona_unchanged", $"The draft is the same as version {last.Number}; activate that version instead.");
            var version = new PersonaRecord
            {
                AgentKey = agent, Number = (last?.Number ?? 0) + 1, Instructions = draft.Instructions, Note = request.Note?.Trim(),
                CreatedBy = actor, CreatedAt = data.Now, UpdatedAt = data.Now,
            };
            db.Personas.Add(version);
            profile.ActivePersona = version.Number;
            profile.UpdatedAt = data.Now;
            Audit(db, "ai_persona_published", actor, agent, version.Number);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(profile, [.. rows.Append(version).OrderBy(p => p.Number)]);
        }, ct);
    }

    /// <summary>Makes a published version the one runs use: a rollback when it is older.</summary>
    public Task<PersonaDto> ActivateAsync(long tenant, string actor, string agent, int number, CancellationToken ct = default) =>
        data.ChangeAsync(tenant, async db =>
        {
            var profile = await ProfileAsync(db, agent, ct);
            var rows = await db.Personas.AsNoTracking().Where(p => p.AgentKey == agent).OrderBy(p => p.Number).ToListAsync(ct);
            if (number < 1 || !rows.Exists(p => p.Number == number))
                throw WeftException.NotFound("persona_version_not_found", $"Agent '{agent}' has no persona version {number}.");
            profile.ActivePersona = number;
            profile.UpdatedAt = data.Now;
            Audit(db, "ai_persona_activated", actor, agent, number);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            return ToDto(profile, rows);
        }, ct);

    /// <summary>What changed from one version to another (<c>draft</c> names the draft).</summary>
    public async Task<PersonaDiffDto> DiffAsync(long tenant, string agent, string from, string to, CancellationToken ct = default)
    {
        var before = await InstructionsAsync(tenant, agent, from, ct);
        var after = await InstructionsAsync(tenant, agent, to, ct);
        return new PersonaDiffDto(from, to, PersonaDiff.Of(before, after));
    }

    /// <summary>The instructions a run uses: a named version (<c>draft</c> or a number), else the active one; null when there are none.</summary>
    public async Task<(int Number, string Instructions)?> ForRunAsync(long tenant, string agent, string? version, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var profile = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.AgentKey == agent, ct) ?? throw AgentProfileRules.NotFound(agent);
        int number;
        if (version is null)
        {
            if (profile.ActivePersona is not { } active) return null;
            number = active;
        }
        else number = NumberOf(version);
        var row = await db.Personas.AsNoTracking().FirstOrDefaultAsync(p => p.AgentKey == agent && p.Number == number, ct)
            ?? throw NotFound(agent, version ?? number.ToString(CultureInfo.InvariantCulture));
        return (row.Number, row.Instructions);
    }

    private async Task<string> InstructionsAsync(long tenant, string agent, string version, CancellationToken ct)
    {
        var number = NumberOf(version);
        await using var db = await data.OpenAsync(tenant, ct);
        if (!await db.Agents.AnyAsync(a => a.AgentKey == agent, ct)) throw AgentProfileRules.NotFound(agent);
        return await db.Personas.AsNoTracking().Where(p => p.AgentKey == agent && p.Number == number).Select(p => p.Instructions).FirstOrDefaultAsync(ct)
            ?? throw NotFound(agent, version);
    }

    private static int NumberOf(string version)
    {
        if (version == DraftName) return 0;
        if (int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        throw WeftException.Invalid("invalid_persona_version", $"'{version}' is not a persona version: give 'draft' or a version number.");
    }

    private static WeftException NotFound(string agent, string version) =>
        WeftException.NotFound("persona_version_not_found", $"Agent '{agent}' has no persona {(version == DraftName ? "draft" : "version " + version)}.");

    private static async Task<AgentProfileRecord> ProfileAsync(AiDbContext db, string agent, CancellationToken ct) =>
        await db.Agents.FirstOrDefaultAsync(a => a.AgentKey == agent, ct) ?? throw AgentProfileRules.NotFound(agent);

    private static PersonaDto ToDto(AgentProfileRecord profile, IReadOnlyList<PersonaRecord> rows)
    {
        var draft = rows.FirstOrDefault(p => p.Number == 0);
        return new PersonaDto(profile.AgentKey,
            draft is null ? null : new PersonaDraftDto(draft.Instructions, PersonaTemplate.VariablesOf(draft.Instructions), draft.UpdatedAt),
            profile.ActivePersona,
            [.. rows.Where(p => p.Number > 0).Select(p => new PersonaVersionDto(p.Number, p.Instructions, PersonaTemplate.VariablesOf(p.Instructions),
                p.Note, p.CreatedBy, p.CreatedAt, p.Number == profile.ActivePersona))]);
    }

    private void Audit(AiDbContext db, string type, string actor, string agent, int version) =>
        db.Publish(new AuditRecorded(type, data.Now, actor, AuditRecorded.DataOf(new { agent, version })), AuditRecorded.Stream);
}
