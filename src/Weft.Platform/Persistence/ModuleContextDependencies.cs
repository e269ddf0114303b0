using Weft.Platform.Changes;
using Weft.Platform.Events;

namespace Weft.Platform.Persistence;

/// <summary>What every module's context needs from the platform; taken by <see cref="ModuleDbContext"/>'s constructor.</summary>
public sealed record ModuleContextDependencies(DatabaseOptions Database, IntegrationEventRegistry Events, CommitSignals Signals, TimeProvider Clock);
