using Bengkulu112.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// People signed in on the board in their own browser context, as a real person would: the account is created through
/// the admin API, its one-time password typed into the page, and the person's own password chosen there.
/// </summary>
public static class BoardSessions
{
    /// <summary>A browser context signed in as a new person of that role (an OPD operator of <paramref name="opd"/>).</summary>
    public static async Task<BrowserPage> SignedIn(BoardApiFixture api, ChromiumBrowser chromium, string role,
        string? opd = null, ViewportSize? viewport = null, string? displayName = null)
    {
        var username = Accounts.NewUsername(role);
        var initial = await Accounts.CreateAsync(api.Api, username, role, opd, displayName: displayName);
        return await SignedInFirstTime(api, chromium, username, initial, opd is null ? role : $"{role}-{opd}", viewport);
    }

    /// <summary>A new browser context where the person signs in with the one-time password and chooses their own.</summary>
    public static async Task<BrowserPage> SignedInFirstTime(BoardApiFixture api, ChromiumBrowser chromium, string username,
        string initial, string name, ViewportSize? viewport = null)
    {
        var browser = await BrowserPage.OpenAsync(chromium, api.BaseAddress, name, viewport);
        var page = browser.Page;
        await page.GotoAsync("/");
        await SubmitSignIn(page, username, initial);
        await Expect(page.Locator("#password-change")).ToBeVisibleAsync();
        var password = "Jaga-Bengkulu-" + Guid.NewGuid().ToString("N")[..8];
        await ChoosePassword(page, password, password);
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        return browser;
    }

    public static async Task SubmitSignIn(IPage page, string username, string password)
    {
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#signin-form button[type=submit]").ClickAsync();
    }

    public static async Task ChoosePassword(IPage page, string password, string again)
    {
        await page.Locator("#new-password").FillAsync(password);
        await page.Locator("#confirm-password").FillAsync(again);
        await page.Locator("#password-form button[type=submit]").ClickAsync();
    }
}
