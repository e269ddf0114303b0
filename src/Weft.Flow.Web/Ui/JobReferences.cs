using Weft.Platform.Errors;

namespace Weft.Flow.Web.Ui;

/// <summary>The references (order numbers, tickets) of the jobs a page shows, by job id.</summary>
internal static class JobReferences
{
    public static async Task<IReadOnlyDictionary<long, string>> OfAsync(FlowEngine engine, IEnumerable<long> jobIds, CancellationToken ct = default)
    {
        var references = new Dictionary<long, string>();
        foreach (var id in jobIds.Distinct())
        {
            try
            {
                references[id] = (await engine.Jobs.GetJobAsync(id, ct)).Reference;
            }
            catch (WeftException e) when (e.Kind == ErrorKind.NotFound)
            {
                // Shown by id instead.
            }
        }
        return references;
    }

    public static string Of(IReadOnlyDictionary<long, string> references, long jobId) =>
        references.TryGetValue(jobId, out var reference) ? reference : $"Job {jobId}";
}
