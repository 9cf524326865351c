using System.Text;
using Bengkulu112.Tests.Api.Imports;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The supervisors' reports page in a real browser, on figures imported through the real import route: the charts'
/// tables show them for a chosen period, by day and by month, in both languages; the CSV downloads are the API's;
/// a bad period shows the server's problem; the printable report of a month opens with the board's session; a call
/// taker does not get the page. Screenshots go to TestResults/screenshots/ (reports-id.png, reports-en.png).
/// </summary>
public sealed class ReportsBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    // March 2021: two pranks and a withheld silent call on Monday the 1st, a fire escalated after 40 s and a wrong
    // number without a number on Tuesday the 2nd; April: a snake escalated after 90 s (Monday the 5th), a third prank by
    // the same number (Tuesday the 6th).
    private const string File = """
        received_at,caller_number,caller_id,classification,category,escalated_at,acknowledged_at,on_scene_at,resolved_at,closed_at
        2021-03-01T08:00:00,081277770001,,prank,,,,,,
        2021-03-01T09:00:00,081277770001,,prank,,,,,,
        2021-03-01T10:00:00,,withheld,silent,,,,,,
        2021-03-02T19:00:00,081277770002,,emergency,fire,2021-03-02T19:00:40,2021-03-02T19:02:00,2021-03-02T19:10:00,2021-03-02T20:00:00,2021-03-02T20:30:00
        2021-03-02T20:00:00,,unavailable,wrong_number,,,,,,
        2021-04-05T07:00:00,081277770003,,emergency,animal,2021-04-05T07:01:30,2021-04-05T07:09:00,2021-04-05T07:30:00,2021-04-05T08:00:00,2021-04-05T08:30:00
        2021-04-06T21:00:00,081277770001,,prank,,,,,,
        """;

    [Fact]
    public async Task A_supervisor_reads_a_period_by_day_and_by_month_downloads_its_CSV_and_opens_a_month_to_print()
    {
        var import = await api.ClientAs("supervisor").ImportAndWait(Encoding.UTF8.GetBytes(File));
        Assert.Equal(7, import.GetProperty("imported").GetInt32());

        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor",
            viewport: new ViewportSize { Width = 1280, Height = 900 });
        var page = supervisor.Page;
        var view = page.Locator("#reports-view");
        await page.Locator("#reports-link").ClickAsync();
        await Expect(view).ToBeVisibleAsync();
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();

        await page.Locator("#reports-from").FillAsync("2021-03-01");
        await page.Locator("#reports-to").FillAsync("2021-04-30");
        await page.Locator("#reports-bucket").SelectOptionAsync("day");
        await page.Locator("#reports-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/#/reports?from=2021-03-01&to=2021-04-30&bucket=day");
        await Expect(view).ToHaveAttributeAsync("data-ready", "true");

        // Key figures.
        var figures = page.Locator("#reports-figures .figure");
        await Expect(figures.Nth(0)).ToContainTextAsync("7");            // calls
        await Expect(figures.Nth(1)).ToContainTextAsync("2");            // emergencies
        await Expect(figures.Nth(2)).ToContainTextAsync("42,9 %");       // 3 pranks of 7
        await Expect(figures.Nth(5)).ToContainTextAsync("50,0 %");       // escalated within 60 s: the fire, not the snake
        await Expect(figures.Nth(6)).ToContainTextAsync("65 dtk");       // p50 of 40 s and 90 s
        await Expect(figures.Nth(7)).ToContainTextAsync("85 dtk");       // p90

        // Every chart is drawn, and says the same in its table.
        await Expect(view.Locator("figure.report-chart canvas")).ToHaveCountAsync(7);
        var calls = view.Locator("#reports-calls");
        await Expect(calls.Locator("tbody tr")).ToHaveCountAsync(61);    // every day of March and April, zeros included
        await Expect(Row(calls, "1 Mar 2021")).ToHaveTextAsync(Cells("1 Mar 2021", "0", "0", "2", "1", "0", "0", "3"));
        await Expect(Row(calls, "2 Mar 2021")).ToHaveTextAsync(Cells("2 Mar 2021", "1", "0", "0", "0", "1", "0", "2"));
        await Expect(Row(calls, "3 Mar 2021")).ToHaveTextAsync(Cells("3 Mar 2021", "0", "0", "0", "0", "0", "0", "0"));
        var categories = view.Locator("#reports-categories");
        await Expect(Row(categories, "Kebakaran")).ToHaveTextAsync(Cells("Kebakaran", "1"));
        await Expect(Row(categories, "Hewan buas dan berbisa")).ToHaveTextAsync(Cells("Hewan buas dan berbisa", "1"));
        await Expect(Row(view.Locator("#reports-opd-times"), "damkar")).ToContainTextAsync("damkar22");
        await Expect(Row(view.Locator("#reports-opd-sla"), "damkar")).ToHaveTextAsync(Cells("damkar", "2", "50,0 %"));
        var processing = view.Locator("#reports-processing");
        await Expect(Row(processing, "Panggilan darurat yang membuka tiket")).ToContainTextAsync("2");
        await Expect(Row(processing, "Sampai klasifikasi p50")).ToContainTextAsync("–"); // imported calls have no classification time
        var hours = view.Locator("#reports-hours");
        await Expect(Row(hours, "Senin").Locator("td").Nth(8)).ToHaveTextAsync("1");   // 08:00 on 1 March
        await Expect(Row(hours, "Senin").Locator("td").Nth(7)).ToHaveTextAsync("1");   // 07:00 on 5 April
        await Expect(Row(hours, "Senin").Locator("td").Last).ToHaveTextAsync("4");
        await Expect(Row(hours, "Selasa").Locator("td").Nth(21)).ToHaveTextAsync("1");
        await Expect(Row(hours, "Selasa").Locator("td").Last).ToHaveTextAsync("3");
        await Expect(Row(hours, "Rabu").Locator("td").Last).ToHaveTextAsync("0");
        await Expect(Row(hours, "Semua hari").Locator("td").Last).ToHaveTextAsync("7");
        var callerId = view.Locator("#reports-caller-id");
        await Expect(Row(callerId, "Nomor tampil")).ToHaveTextAsync(Cells("Nomor tampil", "5"));
        await Expect(Row(callerId, "Nomor disembunyikan")).ToHaveTextAsync(Cells("Nomor disembunyikan", "1"));
        await Expect(Row(callerId, "Nomor tidak tersedia")).ToHaveTextAsync(Cells("Nomor tidak tersedia", "1"));
        await Expect(view.Locator("#reports-pranks tbody tr")).ToHaveCountAsync(1);
        await Expect(Row(view.Locator("#reports-pranks"), "+6281277770001")).ToHaveTextAsync(Cells("+6281277770001", "3"));

        await calls.Locator("summary").ClickAsync();
        await Accessibility.AssertNoSeriousViolations(page);

        // By month: the same period in two buckets; a reload of the address shows the same.
        await page.Locator("#reports-bucket").SelectOptionAsync("month");
        await page.Locator("#reports-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/#/reports?from=2021-03-01&to=2021-04-30&bucket=month");
        await Expect(calls.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(Row(calls, "Maret 2021")).ToHaveTextAsync(Cells("Maret 2021", "1", "0", "2", "1", "1", "0", "5"));
        await Expect(Row(calls, "April 2021")).ToHaveTextAsync(Cells("April 2021", "1", "0", "1", "0", "0", "0", "2"));
        await Expect(view.Locator("#reports-calls figcaption")).ToHaveTextAsync("Panggilan per bulan menurut klasifikasi");
        await page.ReloadAsync();
        await Expect(view).ToHaveAttributeAsync("data-ready", "true");
        await Expect(page.Locator("#reports-bucket")).ToHaveValueAsync("month");
        await Expect(calls.Locator("tbody tr")).ToHaveCountAsync(2);
        await supervisor.Screenshot("reports-id");

        // The CSV downloads are the API's own CSV of the period.
        var summaryCsv = await Download(page, "#reports-csv-summary");
        Assert.Equal("112-summary-2021-03-01-2021-04-30.csv", summaryCsv.Name);
        Assert.StartsWith("section,key,value\n", summaryCsv.Text);
        Assert.Contains("\ncalls,total,7\n", summaryCsv.Text);
        Assert.Contains("\ncalls.by_caller_id,withheld,1\n", summaryCsv.Text);
        Assert.Contains("\ncalls.by_weekday_hour.monday,8,1\n", summaryCsv.Text);
        Assert.Contains("\nemergency_processing,escalated_p50_s,65\n", summaryCsv.Text);
        Assert.Contains("\ntop_prank_callers,+6281277770001,3\n", summaryCsv.Text);
        var seriesCsv = await Download(page, "#reports-csv-series");
        Assert.Equal("112-series-month-2021-03-01-2021-04-30.csv", seriesCsv.Name);
        var rows = seriesCsv.Text.TrimEnd('\n').Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.Equal("start,calls,emergency,non_emergency,prank,silent,wrong_number,abandoned,emergencies,tickets,escalated,sla_met_share", rows[0]);
        Assert.StartsWith("2021-02-28T17:00:00Z,5,1,0,2,1,1,0,1,1,1,", rows[1]);
        Assert.StartsWith("2021-03-31T17:00:00Z,2,1,0,1,0,0,0,1,1,1,", rows[2]);

        // English, one click away, redrawn from the same answers.
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(view.Locator("#reports-calls figcaption")).ToHaveTextAsync("Calls per month by classification");
        await Expect(Row(calls, "March 2021")).ToHaveTextAsync(Cells("March 2021", "1", "0", "2", "1", "1", "0", "5"));
        await Expect(Row(view.Locator("#reports-caller-id"), "Number withheld")).ToHaveTextAsync(Cells("Number withheld", "1"));
        await Expect(page.Locator("#reports-form button[type=submit]")).ToHaveTextAsync("Show");
        await Accessibility.AssertNoSeriousViolations(page);
        await supervisor.Screenshot("reports-en");
        await page.Locator("#lang-toggle").ClickAsync();

        // A period ending before it starts: the server's problem, naming the field.
        await page.Locator("#reports-to").FillAsync("2021-02-01");
        await page.Locator("#reports-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reports-error")).ToContainTextAsync("to: must be after from");
        await Expect(page.Locator("#reports-body")).ToBeHiddenAsync();

        // April alone, and its month printable in a tab of its own that uses the board's session.
        await page.Locator("#reports-from").FillAsync("2021-04-01");
        await page.Locator("#reports-to").FillAsync("2021-04-30");
        await page.Locator("#reports-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reports-error")).ToBeHiddenAsync();
        await Expect(figures.Nth(0)).ToContainTextAsync("2");
        await Expect(calls.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#reports-print")).ToHaveAttributeAsync("href", "report.html?from=2021-04&to=2021-04");
        var report = await page.Context.RunAndWaitForPageAsync(() => page.Locator("#reports-print").ClickAsync());
        await Expect(report.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        await Expect(report.Locator(".month[data-month='2021-04'] h1")).ToContainTextAsync("April 2021");
        await Expect(report.Locator(".month[data-month='2021-04'] table tbody tr")).ToHaveCountAsync(1);
        await report.CloseAsync();

        // Back to the board.
        await page.Locator("#reports-view .back").ClickAsync();
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(view).ToBeHiddenAsync();
        Assert.Empty(supervisor.Problems);
    }

    [Fact]
    public async Task A_call_taker_is_not_offered_the_reports_page_and_does_not_get_it_by_its_address()
    {
        await using var callTaker = await BoardSessions.SignedIn(api, chromium, "calltaker");
        var page = callTaker.Page;
        await Expect(page.Locator("#reports-link")).ToBeHiddenAsync();
        await page.GotoAsync("/#/reports?from=2021-03-01&to=2021-04-30&bucket=day");
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(page.Locator("#flash")).ToHaveTextAsync("Laporan hanya untuk pengawas.");
        await Expect(page.Locator("#reports-view")).ToBeHiddenAsync();
        await Expect(page.Locator("#reports-view figure")).ToHaveCountAsync(0);
        Assert.Empty(callTaker.Problems);
    }

    /// <summary>The table row a chart's alternative has for <paramref name="head"/> (its row header).</summary>
    private static ILocator Row(ILocator chart, string head) =>
        chart.Locator("tbody tr").Filter(new() { Has = chart.Page.Locator("th", new() { HasTextRegex = new($"^{System.Text.RegularExpressions.Regex.Escape(head)}$") }) });

    /// <summary>A row's text: its cells one after the other (the table's text has no separators).</summary>
    private static string Cells(params string[] cells) => string.Concat(cells);

    private static async Task<(string Name, string Text)> Download(IPage page, string button)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(button).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await System.IO.File.ReadAllTextAsync(path));
    }
}
