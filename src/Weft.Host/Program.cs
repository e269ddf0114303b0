using Weft.Host;
using Weft.Host.Cli;

if (AdminCommands.Handles(args)) return await AdminCommands.RunAsync(args);

var app = WeftHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
