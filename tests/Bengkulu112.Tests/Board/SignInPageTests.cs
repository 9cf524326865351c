using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The sign-in page of a deployment with local accounts and no provider: the form only, labelled, in Bahasa Indonesia
/// with English one click away, no serious accessibility violation in either. Screenshots of both go to
/// TestResults/screenshots/ (docs/screenshots/ holds copies).
/// </summary>
public sealed class SignInPageTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task The_sign_in_form_is_labelled_focused_and_accessible_in_both_languages()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, api.BaseAddress, "signin");
        var page = browser.Page;
        await page.GotoAsync("/");

        await Expect(page.Locator("#signin-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#sso-signin")).ToBeHiddenAsync();
        await Expect(page.Locator("#signin").GetByLabel("Nama pengguna", new() { Exact = true })).ToBeFocusedAsync();
        await Expect(page.Locator("#signin").GetByLabel("Kata sandi", new() { Exact = true })).ToHaveAttributeAsync("type", "password");
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolations(page);
        await browser.Screenshot("signin-id");

        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#signin").GetByLabel("Username", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#signin-form button[type=submit]")).ToHaveTextAsync("Sign in");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Accessibility.AssertNoSeriousViolations(page);
        await browser.Screenshot("signin-en");
        Assert.Empty(browser.Problems);
    }
}
