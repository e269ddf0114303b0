using System.Reflection;

namespace Weft.E2E.Infrastructure;

/// <summary>Pictures of what a person sees, as PNGs in the project's (git-ignored) artifacts folder of the source tree.</summary>
public static class Screenshots
{
    public static string Folder { get; } = typeof(Screenshots).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Weft.E2E.Artifacts").Value!;

    /// <summary>Removes the pictures of an earlier run, so the folder shows this run's alone.</summary>
    public static void Clear()
    {
        if (!Directory.Exists(Folder)) return;
        foreach (var file in Directory.EnumerateFiles(Folder, "*.png")) File.Delete(file);
    }

    /// <summary>Saves the whole page as <c>artifacts/<paramref name="name"/>.png</c> and returns the file's path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')) + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        return file;
    }
}
