namespace Weft.E2E.Infrastructure;

/// <summary>
/// One person at the app: their own browser context (cookies, theme, viewport) and the page they look at; a browser
/// that keeps a profile has its <paramref name="profileFolder"/>, removed with the person.
/// </summary>
public sealed class Person(IBrowserContext context, IPage page, string? profileFolder = null) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        if (profileFolder is null) return;
        try
        {
            Directory.Delete(profileFolder, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be letting go of a file; the folder is in the temporary folder.
        }
    }
}
