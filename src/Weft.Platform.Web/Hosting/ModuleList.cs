using Weft.Platform.Web.Modules;

namespace Weft.Platform.Web.Hosting;

/// <summary>The host's modules, in the order their stores are migrated and their demo data seeded.</summary>
public sealed record ModuleList(IReadOnlyList<WeftModule> Modules);
