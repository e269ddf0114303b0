using Weft.Host;

var app = WeftHost.Build(args);
await WeftHost.PrepareAsync(app);
await app.RunAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
