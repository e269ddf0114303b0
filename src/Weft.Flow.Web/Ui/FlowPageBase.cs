using Microsoft.AspNetCore.Components;
using Weft.Platform.Errors;
using Weft.Platform.Web.Ui;

namespace Weft.Flow.Web.Ui;

/// <summary>A live page of the engine: reads and acts through the engine of the caller's tenant.</summary>
public abstract class FlowPageBase : LivePageBase
{
    private const string StaleVersion = "stale_version";

    [Inject] private FlowEngines Engines { get; set; } = default!;

    /// <summary>True while a command runs: the page's buttons wait for it.</summary>
    protected bool Busy { get; private set; }

    protected async Task<FlowEngine> EngineAsync() => Engines.For(await Caller.TenantAsync());

    /// <summary>
    /// Runs a command, then reads the page again whether or not it was refused: a refusal (a stale
    /// version, work someone else took) most often means the screen was behind.
    /// </summary>
    protected async Task<bool> CommandAsync(Func<Task> command)
    {
        Busy = true;
        try
        {
            var done = await ActAsync(async () =>
            {
                try
                {
                    await command();
                }
                catch (WeftException e) when (e.Code == StaleVersion)
                {
                    throw WeftException.Conflict(e.Code, $"{e.Message} It changed after your screen showed it, which now shows it as it is.");
                }
            });
            try
            {
                await LoadAsync();
            }
            catch (WeftException e)
            {
                Problem ??= Describe(e);
            }
            return done;
        }
        finally
        {
            Busy = false;
        }
    }
}
