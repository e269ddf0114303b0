using Microsoft.AspNetCore.Components;
using Weft.Platform.Changes;
using Weft.Platform.Errors;

namespace Weft.Platform.Web.Ui;

/// <summary>
/// A page that shows changing state: it loads what it shows, then reads it again whenever a committed
/// change of the caller's tenant touches one of <see cref="WatchedTables"/> (from this process, an API
/// client, an automated agent, or another host process), coalescing bursts into one reload. No polling.
/// </summary>
public abstract class LivePageBase : ComponentBase, IDisposable
{
    private IDisposable? subscription;
    private int reloadScheduled;

    [Inject] private ChangeFeed Feed { get; set; } = default!;

    [Inject] protected CurrentCaller Caller { get; set; } = default!;

    /// <summary>The tables whose changes this page shows (null: every change of the tenant).</summary>
    protected abstract IReadOnlyCollection<string>? WatchedTables { get; }

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync();

    /// <summary>True once the first load is done.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>What went wrong with the last action or load, for the page to show.</summary>
    protected string? Problem { get; set; }

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        if (RendererInfo.IsInteractive)
            subscription = Feed.Subscribe(await Caller.TenantAsync(), WatchedTables, _ => OnChange());
    }

    private void OnChange()
    {
        if (Interlocked.CompareExchange(ref reloadScheduled, 1, 0) != 0) return;
        _ = InvokeAsync(async () =>
        {
            Volatile.Write(ref reloadScheduled, 0);
            await ReloadAsync();
            StateHasChanged();
        });
    }

    private async Task ReloadAsync()
    {
        try
        {
            await LoadAsync();
            Loaded = true;
        }
        catch (WeftException e)
        {
            Problem = e.Message;
        }
    }

    /// <summary>Runs an action of the page; a refusal is shown on the page, as the API would answer it.</summary>
    protected async Task<bool> ActAsync(Func<Task> action)
    {
        Problem = null;
        try
        {
            await action();
            return true;
        }
        catch (WeftException e)
        {
            Problem = Describe(e);
            return false;
        }
    }

    protected static string Describe(WeftException e) => ProblemText.Of(e);

    /// <summary>True while a command runs: the page's buttons wait for it.</summary>
    protected bool Busy { get; private set; }

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

    private const string StaleVersion = "stale_version";

    public void Dispose()
    {
        subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
