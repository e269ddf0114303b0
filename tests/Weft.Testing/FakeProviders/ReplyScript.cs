namespace Weft.Testing.FakeProviders;

internal sealed class ReplyScript
{
    private readonly Lock gate = new();
    private readonly Queue<Reply> forAnyModel = new();
    private readonly Dictionary<string, Queue<Reply>> byModel = new(StringComparer.Ordinal);

    public void Add(string? model, IEnumerable<Reply> replies)
    {
        lock (gate)
        {
            var queue = model is null ? forAnyModel : QueueFor(model);
            foreach (var reply in replies) queue.Enqueue(reply);
        }
    }

    public Reply? Next(string? model)
    {
        lock (gate)
        {
            if (model is not null && byModel.TryGetValue(model, out var own) && own.TryDequeue(out var reply)) return reply;
            return forAnyModel.TryDequeue(out var any) ? any : null;
        }
    }

    private Queue<Reply> QueueFor(string model)
    {
        if (!byModel.TryGetValue(model, out var queue)) byModel[model] = queue = new Queue<Reply>();
        return queue;
    }
}
