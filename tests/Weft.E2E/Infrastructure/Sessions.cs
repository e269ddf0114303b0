using static Microsoft.Playwright.Assertions;
using static Weft.E2E.Infrastructure.LivePages;

namespace Weft.E2E.Infrastructure;

/// <summary>Signing in and out the way a person does: the sign-in form by its labels, the account menu.</summary>
public static class Sessions
{
    /// <summary>Fills the sign-in form (opening it first if needed), sends it, and waits until the page it lands on is interactive.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        if (new Uri(page.Url).AbsolutePath != "/sign-in") await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/sign-in");
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>Opens the account menu of <paramref name="email"/> and signs out; the sign-in form comes back.</summary>
    public static async Task SignOutAsync(IPage page, string email)
    {
        await page.GetByLabel($"Account menu of {email}", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Weft", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Presses the theme switch of the app bar (whichever way it points) and waits for the page to come back.</summary>
    public static async Task SwitchThemeAsync(IPage page, string to)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = $"Use the {to} theme", Exact = true }).ClickAsync();
        var back = to == "dark" ? "light" : "dark";
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Use the {back} theme", Exact = true })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync(page);
    }
}
