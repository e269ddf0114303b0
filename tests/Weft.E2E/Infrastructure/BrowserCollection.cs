namespace Weft.E2E.Infrastructure;

/// <summary>Every browser test class belongs here, so the run starts Chromium once (and its classes take turns).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SharedBrowser>
{
    public const string Name = "Browser";
}
