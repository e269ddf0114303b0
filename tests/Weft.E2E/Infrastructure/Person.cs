namespace Weft.E2E.Infrastructure;

/// <summary>One person at the app: their own browser context (cookies, theme, viewport) and the page they look at.</summary>
public sealed class Person(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
