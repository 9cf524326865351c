using Bengkulu112.Tests.Api.Tickets;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// An OPD operator, signed in with a real account, is told of a new escalation with a tone and a banner that stays
/// until marked seen, follows it to the ticket page and acknowledges. Screenshots in both languages go to
/// TestResults/screenshots/ (docs/screenshots/ holds copies).
/// </summary>
public sealed class OpdEscalationBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task A_new_escalation_sounds_and_stays_on_screen_until_seen_and_the_operator_acknowledges_it()
    {
        var desk = api.ClientAs("calltaker");
        var earlier = await desk.CreateFireAsync();
        await desk.CommandAsync(earlier, "escalate").OkAsync(); // escalated before the operator's board loaded: no alarm
        await using var damkar = await BoardSessions.SignedIn(api, chromium, "opd", "damkar", BrowserPage.TabletPortrait);
        var page = damkar.Page;
        var banner = page.Locator("#escalation-banner");
        await Expect(page.Locator($"#board-rows tr[data-number='{earlier.Str("number")}']")).ToBeVisibleAsync();
        await Expect(banner).ToBeHiddenAsync();

        var ticket = await desk.CreateFireAsync();
        await desk.CommandAsync(ticket, "escalate").OkAsync();
        var number = ticket.Str("number");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync(number);
        await Expect(banner).Not.ToContainTextAsync(earlier.Str("number"));
        await Expect(banner).ToHaveAttributeAsync("data-tones", "1");
        await Accessibility.AssertNoSeriousViolations(page);
        await damkar.Screenshot("opd-escalation-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(banner).ToContainTextAsync("New escalation (1)");
        await damkar.Screenshot("opd-escalation-en");
        await page.Locator("#lang-toggle").ClickAsync();

        // The banner stays while the operator works the ticket from its page, and goes once marked seen.
        await banner.Locator($"a:has-text('{number}')").ClickAsync();
        await Expect(page.Locator("#ticket-title")).ToContainTextAsync(number);
        await page.Locator("#ticket-actions [data-action=acknowledge]").ClickAsync();
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("Diterima OPD");
        await Expect(banner).ToBeVisibleAsync();
        await page.Locator("#escalation-seen").ClickAsync();
        await Expect(banner).ToBeHiddenAsync();
        Assert.Empty(damkar.Problems);
    }
}
