using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Board;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Sso;

/// <summary>
/// Single sign-on in Chromium: the board sends the person to the provider's login page (authorization code + PKCE by
/// the vendored client library), comes back signed in with the provider's role and name, and works through the API;
/// signing out ends the provider's session too. A provider account with two roles is refused.
/// </summary>
public sealed class SsoBrowserTests(SsoBoardFixture fixture, ChromiumBrowser chromium)
    : IClassFixture<SsoBoardFixture>, IClassFixture<ChromiumBrowser>
{
    /// <summary>A round trip to the provider and back (discovery, login page, code exchange) on a busy machine.</summary>
    private const float RoundTripTimeout = 40_000;

    [Fact]
    public async Task A_call_taker_signs_in_through_the_provider_works_on_the_board_and_signs_out()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, fixture.BaseAddress, "sso-calltaker");
        var page = browser.Page;
        await page.GotoAsync("/");

        // Local accounts are off here: only the provider's button is offered.
        await Expect(page.Locator("#sso-signin")).ToBeVisibleAsync();
        await Expect(page.Locator("#signin-form")).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolations(page);
        await SignInAtProvider(page, SsoBoardFixture.CallTaker);

        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Dina Marlina");
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Petugas penerima panggilan");
        await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        Assert.DoesNotContain("code=", page.Url); // the spent code is not left in the address bar or history
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length - (localStorage.getItem('b112.lang') ? 1 : 0)"));

        // An authorised call through the board: the caller's screening, then the call recorded with the provider's token.
        await page.Locator("#caller-number").PressSequentiallyAsync(CallRequests.NewNumber());
        await Expect(page.Locator("#screening")).ToContainTextAsync("Penelepon baru");
        await page.Locator("#intake-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#classify-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#intake-result")).ToContainTextAsync("Panggilan tercatat");
        await browser.Screenshot("sso-01-calltaker-signed-in");
        await Accessibility.AssertNoSeriousViolations(page);

        // Signing out ends the provider's session as well: the next sign-in asks for the password again.
        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#sso-signin")).ToBeVisibleAsync();
        await page.Locator("#sso-signin").ClickAsync();
        await Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = RoundTripTimeout });
        Assert.StartsWith(fixture.Provider.BaseAddress.ToString(), page.Url);
        Assert.Empty(browser.Problems);
    }

    [Fact]
    public async Task The_board_renews_the_provider_token_silently_and_keeps_working_past_its_lifetime()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, fixture.BaseAddress, "sso-renewal");
        var page = browser.Page;
        var renewals = 0;
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/connect/token", StringComparison.Ordinal) && response.Status == 200
                && response.Request.PostData?.Contains("grant_type=refresh_token", StringComparison.Ordinal) == true)
                Interlocked.Increment(ref renewals);
        };
        await page.GotoAsync("/");
        await SignInAtProvider(page, SsoBoardFixture.FireBrigade);
        await Expect(page.Locator("#who-opd")).ToContainTextAsync("damkar");
        await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        var signedInAt = DateTime.UtcNow;

        var expired = BoardApiFixture.AccessTokenLifetime + BoardApiFixture.ClockSkew;
        await Eventually.Within(expired * 4, () => Task.FromResult(Volatile.Read(ref renewals)),
            n => n >= 2 && DateTime.UtcNow - signedInAt > expired);

        // A ticket escalated to the fire brigade now reaches its board through the feed, read with the current token.
        var calltaker = fixture.ClientAs("calltaker");
        var ticket = await (await calltaker.PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody())).AssertJson(HttpStatusCode.Created);
        var id = ticket.GetProperty("id").GetString();
        await (await calltaker.PostAsJsonAsync($"/api/v1/tickets/{id}/escalate", new { })).AssertJson(HttpStatusCode.OK);
        var row = page.Locator($"#board-rows tr[data-ticket-id='{id}']");
        await Expect(row).ToHaveAttributeAsync("data-status", "escalated");
        await row.Locator("[data-action=acknowledge]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-status", "acknowledged");
        await Expect(page.Locator("#signin")).ToBeHiddenAsync();
        Assert.Empty(browser.Problems);
    }

    [Fact]
    public async Task A_provider_account_with_two_roles_is_refused_on_the_board()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, fixture.BaseAddress, "sso-two-roles");
        var page = browser.Page;
        await page.GotoAsync("/");
        await SignInAtProvider(page, SsoBoardFixture.TwoRoles);
        await Expect(page.Locator("#signin-error")).ToHaveTextAsync("Server menolak sesi ini. Hubungi admin jika berulang.");
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_supervisor_signed_in_through_the_provider_reads_reports_and_prints_the_monthly_report_in_its_own_tab()
    {
        await using var browser = await BrowserPage.OpenAsync(chromium, fixture.BaseAddress, "sso-supervisor");
        var page = browser.Page;
        await page.GotoAsync("/");
        await SignInAtProvider(page, SsoBoardFixture.Supervisor);
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Wati Pengawas");

        await page.Locator("#reports-link").ClickAsync();
        await Expect(page.Locator("#reports-view")).ToHaveAttributeAsync("data-ready", "true");

        // The printable report is another page: it cannot resume a provider session from a cookie, so it borrows the
        // board's, which it was opened from.
        var report = await page.Context.RunAndWaitForPageAsync(() => page.Locator("#monthly-report-link").ClickAsync());
        await Expect(report.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(report.Locator(".month")).ToHaveCountAsync(1);
        await Expect(report.Locator("#status")).ToHaveTextAsync("");
        Assert.Empty(browser.Problems);
    }

    private async Task SignInAtProvider(IPage page, ProviderUser user)
    {
        await page.Locator("#sso-signin").ClickAsync();
        await Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = RoundTripTimeout }); // the provider's page
        Assert.StartsWith(fixture.Provider.BaseAddress.ToString(), page.Url);
        await page.Locator("#username").FillAsync(user.Username);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("#login").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(fixture.BaseAddress.ToString(), StringComparison.Ordinal),
            new() { Timeout = RoundTripTimeout, WaitUntil = WaitUntilState.Commit });
    }
}
