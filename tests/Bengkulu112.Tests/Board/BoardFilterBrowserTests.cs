using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The board's filters and search in a real browser, for a supervisor signed in with a real account: category,
/// priority, status and free text narrow the open tickets shown, and clearing them shows all again.
/// </summary>
public sealed class BoardFilterBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task Filters_and_search_narrow_the_board()
    {
        var desk = api.ClientAs("calltaker");
        var fire = await desk.CreateFireAsync();
        await desk.CommandAsync(fire, "escalate").OkAsync();
        var snake = await desk.CreateAsync(new { category = "animal", description = "Ular sanca di kebun warga", location = new { address = "Jl. Merapi" } });
        var tree = await desk.CreateAsync(new { category = "fallen_tree", description = "Pohon tumbang menutup jalan", location = new { address = "Jl. Hibrida" } });
        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor");
        var page = supervisor.Page;
        var rows = page.Locator("#board-rows tr");
        await Expect(rows).ToHaveCountAsync(3);

        await page.Locator("#filter-category").SelectOptionAsync("animal");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-number", snake.Str("number"));
        await page.Locator("#filter-category").SelectOptionAsync("");

        await page.Locator("#filter-priority").SelectOptionAsync("P1");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-number", fire.Str("number"));
        await page.Locator("#filter-priority").SelectOptionAsync("");

        await page.Locator("#filter-status").SelectOptionAsync("open");
        await Expect(rows).ToHaveCountAsync(2);
        await page.Locator("#board-search").FillAsync("hibrida");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-number", tree.Str("number"));
        await Accessibility.AssertNoSeriousViolations(page);
        await supervisor.Screenshot("board-filters-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#filter-status option[value=open]")).ToHaveTextAsync("Open");
        await Expect(rows).ToHaveCountAsync(1); // the filters stay across the language change
        await supervisor.Screenshot("board-filters-en");

        await page.Locator("#board-search").FillAsync("");
        await page.Locator("#filter-status").SelectOptionAsync("");
        await Expect(rows).ToHaveCountAsync(3);
        Assert.Empty(supervisor.Problems);
    }

    [Fact]
    public async Task The_supervisors_map_shows_located_open_tickets_by_priority_and_marks_a_breach()
    {
        var admin = api.ClientAs("admin");
        var routing = await admin.PutAsJsonAsync("/api/v1/routing/wasp_nest", new
        {
            priority = "P3",
            primary_opd = "damkar",
            supporting_opds = Array.Empty<string>(),
            deadlines = new { acknowledge = "PT1S", on_scene = "PT10M", resolve = "PT1H" },
        });
        await routing.AssertJson(System.Net.HttpStatusCode.OK);
        var desk = api.ClientAs("calltaker");
        var fire = await desk.CreateFireAsync();
        var wasps = await desk.CreateAsync(new
        {
            category = "wasp_nest",
            description = "Sarang tawon di plafon",
            location = new { address = "Jl. Danau", lat = -3.81, lon = 102.28 },
        });
        await desk.CommandAsync(wasps, "escalate").OkAsync();
        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor");
        var page = supervisor.Page;

        var firePin = page.Locator($"#board-map .ticket-pin[title^='{fire.Str("number")}']");
        var waspPin = page.Locator($"#board-map .ticket-pin[title^='{wasps.Str("number")}']");
        await Expect(firePin).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bp1\b"));
        await Expect(waspPin).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bp3\b.*\bbreached\b"));
        await Expect(firePin).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("breached"));
        await Accessibility.AssertNoSeriousViolations(page);
        await supervisor.Screenshot("board-map-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#board-map-title")).ToHaveTextAsync("Map of open tickets");
        await Expect(page.Locator("#board-feed")).ToHaveTextAsync("live");
        await supervisor.Screenshot("board-map-en");

        await waspPin.ClickAsync();
        await Expect(page.Locator("#ticket-title")).ToContainTextAsync(wasps.Str("number"));
        Assert.Empty(supervisor.Problems);
    }
}
