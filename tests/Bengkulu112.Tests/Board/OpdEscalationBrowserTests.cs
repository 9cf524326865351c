using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// An OPD operator, signed in with a real account, is told of a new escalation with a tone and a banner that stays
/// until marked seen, follows it to the ticket page and acknowledges; and is told again, the same way, when the ticket
/// is re-notified for lack of an acknowledgement. Screenshots in both languages go to
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

    [Fact]
    public async Task A_renotification_of_a_ticket_not_acknowledged_sounds_and_stays_on_screen_until_seen()
    {
        // Animals go to the fire brigade; an acknowledge deadline of 30 s re-notifies it after 15 s.
        var routing = await api.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/animal", new
        {
            priority = "P2",
            primary_opd = "damkar",
            supporting_opds = Array.Empty<string>(),
            deadlines = new { acknowledge = "PT30S", on_scene = "PT30M", resolve = "PT8H" },
        });
        await routing.AssertJson(HttpStatusCode.OK);
        await using var damkar = await BoardSessions.SignedIn(api, chromium, "opd", "damkar");
        var page = damkar.Page;
        var banner = page.Locator("#escalation-banner");

        var desk = api.ClientAs("calltaker");
        var ticket = await desk.CreateAsync(new
        {
            category = "animal",
            description = "Ular kobra masuk rumah",
            location = new { address = "Jl. Mahoni", lat = -3.80, lon = 102.27 },
        });
        await desk.CommandAsync(ticket, "escalate").OkAsync();
        var number = ticket.Str("number");
        await Expect(banner.Locator("[data-kind=new]")).ToContainTextAsync(number);
        await Expect(banner).ToHaveAttributeAsync("data-tones", "1");
        await page.Locator("#escalation-seen").ClickAsync();
        await Expect(banner).ToBeHiddenAsync();

        // Half-way to the acknowledge deadline the OPD is notified again: the tone again, the banner back until seen.
        var again = banner.Locator("[data-kind=again]");
        await Expect(again).ToContainTextAsync(number);
        await Expect(again).ToContainTextAsync("Pemberitahuan ulang");
        await Expect(banner.Locator("[data-kind=new]")).ToHaveCountAsync(0);
        await Expect(banner).ToHaveAttributeAsync("data-tones", "2");
        var timeline = await (await desk.GetAsync($"/api/v1/tickets/{ticket.Str("id")}/timeline")).AssertJson(HttpStatusCode.OK);
        Assert.Contains(timeline.EnumerateArray(), e => e.GetProperty("kind").GetString() == "renotified");
        await Accessibility.AssertNoSeriousViolations(page);
        await damkar.Screenshot("opd-renotified-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(again).ToContainTextAsync("Notified again");
        await damkar.Screenshot("opd-renotified-en");
        await page.Locator("#lang-toggle").ClickAsync();

        await page.Locator("#escalation-seen").ClickAsync();
        await Expect(banner).ToBeHiddenAsync();
        Assert.Empty(damkar.Problems);
    }
}
