using System.Net;
using System.Text;
using Bengkulu112.Tests.Api.Imports;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The printable monthly report in a real browser: a supervisor signed in on the board follows its link (a tab of its
/// own, signed in with the board's session), shows two
/// imported months, and the browser prints them as two A4 pages. The PDF goes to TestResults/screenshots/.
/// </summary>
public sealed class MonthlyReportBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    private static readonly string Output = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    private const string File = """
        received_at,caller_number,caller_id,classification,category,escalated_at,acknowledged_at,on_scene_at,resolved_at,closed_at
        2020-03-02T10:00:00,081255550001,,prank,,,,,,
        2020-03-02T11:00:00,,withheld,silent,,,,,,
        2020-03-03T19:00:00,081255550002,,emergency,fire,2020-03-03T19:00:40,2020-03-03T19:02:00,2020-03-03T19:10:00,2020-03-03T20:00:00,2020-03-03T20:30:00
        2020-03-04T07:00:00,081255550003,,emergency,animal,2020-03-04T07:01:00,2020-03-04T07:09:00,2020-03-04T07:30:00,2020-03-04T08:00:00,2020-03-04T08:30:00
        2020-04-05T21:00:00,081255550004,,prank,,,,,,
        """;

    [Fact]
    public async Task A_supervisor_prints_two_months_as_two_A4_pages_with_figures_charts_and_the_OPD_table()
    {
        var import = await api.ClientAs("supervisor").ImportAndWait(Encoding.UTF8.GetBytes(File));
        Assert.Equal(5, import.GetProperty("imported").GetInt32());

        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor",
            viewport: new ViewportSize { Width = 1280, Height = 900 });
        var problems = supervisor.Problems;
        // The report opens in a tab of its own and works with the board's session.
        var page = await supervisor.Page.Context.RunAndWaitForPageAsync(
            () => supervisor.Page.Locator("#monthly-report-link").ClickAsync());
        await page.WaitForURLAsync("**/report.html*");
        page.PageError += (_, error) => problems.Add("script error: " + error);

        await page.Locator("#from").FillAsync("2020-03");
        await page.Locator("#to").FillAsync("2020-04");
        await page.Locator("#show").ClickAsync();
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

        var march = page.Locator(".month[data-month='2020-03']");
        await Expect(page.Locator(".month")).ToHaveCountAsync(2);
        await Expect(march.Locator("h1")).ToContainTextAsync("Maret 2020");
        await Expect(march.Locator(".figure").First).ToContainTextAsync("4");       // calls in March
        await Expect(march.Locator("canvas")).ToHaveCountAsync(3);
        await Expect(march.Locator("table tbody tr")).ToHaveCountAsync(1);        // damkar: the fire and the snake
        await Expect(march.Locator("table tbody tr th").First).ToHaveTextAsync("damkar");
        await Expect(march.Locator("table tbody tr")).ToContainTextAsync("50,0 %"); // the fire met its deadlines, the snake not
        await Expect(page.Locator(".month[data-month='2020-04'] .empty")).ToBeVisibleAsync();

        await page.Locator("#lang").ClickAsync();
        await Expect(march.Locator("h1")).ToContainTextAsync("March 2020");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator(".month")).ToHaveCountAsync(2);

        Directory.CreateDirectory(Output);
        await march.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Output, "monthly-report-march.png") });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, Path = Path.Combine(Output, "monthly-report.pdf") });
        Assert.Equal(2, CountPages(pdf));
        Assert.Empty(problems);
    }

    /// <summary>Pages of a PDF: its `/Type /Page` objects (not the `/Pages` tree nodes).</summary>
    private static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?![a-z])").Count;
}
