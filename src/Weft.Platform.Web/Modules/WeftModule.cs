using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Platform.Persistence;
using Weft.Platform.Web.Security;

namespace Weft.Platform.Web.Modules;

/// <summary>
/// Everything the host needs to know about a module, in one place. The host keeps one list of
/// modules and walks it: services and background work, stores (migrated in list order, at start and
/// from the command line), endpoints, pages and navigation, permissions and scopes, demo data,
/// start-up work and command-line commands. A module is one project, <c>src/Weft.&lt;Module&gt;</c>.
/// </summary>
public abstract class WeftModule
{
    /// <summary>The module's name, also the heading its navigation entries are grouped under.</summary>
    public abstract string Name { get; }

    /// <summary>The module's tables; migrated in the order of the module list.</summary>
    public virtual IReadOnlyList<ModuleStore> Stores => [];

    /// <summary>The permissions the module's endpoints and pages ask for, and the roles that hold them.</summary>
    public virtual IReadOnlyList<PermissionDefinition> Permissions => [];

    /// <summary>API key scopes the module offers.</summary>
    public virtual IReadOnlyList<ScopeDefinition> Scopes => [];

    /// <summary>Entries of the app's navigation, each shown only to callers with its permission.</summary>
    public virtual IReadOnlyList<NavEntry> Navigation => [];

    /// <summary>
    /// Names of the module's meters and activity sources (System.Diagnostics), which the host exports
    /// through OpenTelemetry: meters created from the host's <c>IMeterFactory</c> appear on <c>/metrics</c>.
    /// </summary>
    public virtual IReadOnlyList<string> Telemetry => [];

    /// <summary>The assembly holding the module's routable pages, if it has any.</summary>
    public virtual Assembly? Pages => null;

    /// <summary>Services, options and background work (hosted services) of the module.</summary>
    public virtual void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>The module's API endpoints (under <c>/api/v1</c>) and any other HTTP endpoints.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder app)
    {
    }

    /// <summary>Runs once at start, after every store is up to date and before requests are served.</summary>
    public virtual Task StartAsync(IServiceProvider services, bool demo, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Seeds the demo tenant (in demo mode), in module-list order; must be safe to run on every start.</summary>
    public virtual Task SeedDemoAsync(IServiceProvider services, long tenant, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Command-line commands (<c>dotnet run --project src/Weft.Host -- &lt;verb&gt; …</c>).</summary>
    public virtual IReadOnlyList<CliCommand> Commands => [];

    public override string ToString() => Name;
}
