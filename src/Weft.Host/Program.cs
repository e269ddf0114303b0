using Weft.Host;

if (WeftHost.IsCommand(args)) return await WeftHost.RunCommandAsync(args);

var app = WeftHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
