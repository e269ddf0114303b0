using Weft.Host;

var app = WeftHost.Build(args);
await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
