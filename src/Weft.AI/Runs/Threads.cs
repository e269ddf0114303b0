using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Weft.AI.Persistence;
using Weft.Platform.Errors;
using Weft.Platform.Paging;

namespace Weft.AI.Runs;

/// <summary>
/// Conversations with an agent. A run without a thread starts one; a run given a thread answers with its messages before
/// the new question, and the question and answer are added when the run answers (a failed run adds nothing, so the
/// thread never holds a question without its answer; the run keeps the question all the same).
/// </summary>
internal sealed class Threads(AiDb data)
{
    public const int TitleLength = 80;

    /// <summary>The most earlier messages a run is given: the latest ones, so a long conversation keeps going.</summary>
    public const int HistoryLimit = 40;

    public ThreadRecord Start(AiDbContext db, string agent, string firstInput, string? actor)
    {
        var title = firstInput.ReplaceLineEndings(" ").Trim();
        var thread = new ThreadRecord
        {
            AgentKey = agent, Title = title.Length <= TitleLength ? title : title[..(TitleLength - 1)] + "…", CreatedBy = actor,
            CreatedAt = data.Now, UpdatedAt = data.Now,
        };
        db.Threads.Add(thread);
        return thread;
    }

    public async Task<(long Id, IReadOnlyList<ChatMessage> Messages)> HistoryAsync(long tenant, string agent, long id, CancellationToken ct)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var thread = await db.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(id);
        if (thread.AgentKey != agent)
            throw WeftException.Rule("thread_of_another_agent", $"Thread {id} is a conversation with '{thread.AgentKey}', not '{agent}'.");
        var messages = await db.Messages.AsNoTracking().Where(m => m.ThreadId == id).OrderByDescending(m => m.Sequence).Take(HistoryLimit).ToListAsync(ct);
        return (id, [.. messages.OrderBy(m => m.Sequence).Select(m => new ChatMessage(m.Role == "assistant" ? ChatRole.Assistant : ChatRole.User, m.Content))]);
    }

    public async Task AppendAsync(AiDbContext db, long id, long run, string question, string answer, CancellationToken ct)
    {
        var thread = await db.Threads.FirstAsync(t => t.Id == id, ct);
        db.Messages.Add(new MessageRecord { ThreadId = id, Sequence = thread.Messages + 1, Role = "user", Content = question, RunId = run, CreatedAt = data.Now });
        db.Messages.Add(new MessageRecord { ThreadId = id, Sequence = thread.Messages + 2, Role = "assistant", Content = answer, RunId = run, CreatedAt = data.Now });
        thread.Messages += 2;
        thread.UpdatedAt = data.Now;
    }

    public async Task<Page<ThreadDto>> ListAsync(long tenant, string? agent, int? limit, string? cursor, CancellationToken ct = default)
    {
        var (take, after) = PageCursor.Parse(limit, cursor);
        await using var db = await data.OpenAsync(tenant, ct);
        var q = db.Threads.AsNoTracking().Where(t => after == 0 || t.Id < after);
        if (agent is not null) q = q.Where(t => t.AgentKey == agent);
        var rows = await q.OrderByDescending(t => t.Id).Take(take + 1).ToListAsync(ct);
        return PageCursor.Of(rows, take, t => t.Id, ToDto);
    }

    public async Task<ThreadDetailDto> GetAsync(long tenant, long id, CancellationToken ct = default)
    {
        await using var db = await data.OpenAsync(tenant, ct);
        var thread = await db.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFound(id);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ThreadId == id).OrderBy(m => m.Sequence)
            .Select(m => new MessageDto(m.Sequence, m.Role, m.Content, m.RunId, m.CreatedAt)).ToListAsync(ct);
        return new ThreadDetailDto(ToDto(thread), messages);
    }

    private static ThreadDto ToDto(ThreadRecord t) => new(t.Id, t.AgentKey, t.Title, t.Messages, t.CreatedBy, t.CreatedAt, t.UpdatedAt);

    private static WeftException NotFound(long id) => WeftException.NotFound("thread_not_found", $"Thread {id} does not exist.");
}

/// <summary>A conversation with an agent.</summary>
public sealed record ThreadDto(long Id, string Agent, string Title, int Messages, string? CreatedBy, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record ThreadDetailDto(ThreadDto Thread, IReadOnlyList<MessageDto> Messages);

/// <param name="Role"><c>user</c> or <c>assistant</c>.</param>
/// <param name="Run">The run that asked or answered it.</param>
public sealed record MessageDto(int Sequence, string Role, string Content, long Run, DateTime CreatedAt);
