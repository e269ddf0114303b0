using Microsoft.AspNetCore.Components;
using Weft.Platform.Web.Ui;

namespace Weft.Flow.Web.Ui;

/// <summary>A live page of the engine: reads and acts through the engine of the caller's tenant.</summary>
public abstract class FlowPageBase : LivePageBase
{
    [Inject] private FlowEngines Engines { get; set; } = default!;

    protected async Task<FlowEngine> EngineAsync() => Engines.For(await Caller.TenantAsync());
}
