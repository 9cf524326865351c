using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The supervisor board in a real browser against the real API over sockets: a call taker records and classifies an
/// emergency and escalates it, a supervisor sees the SLA breach alert arrive live and acknowledges it, the fire
/// brigade acknowledges the ticket. Screenshots go to TestResults/screenshots/.
/// </summary>
public sealed class BoardBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    private static readonly float StepTimeout = 20_000;
    /// <summary>The animal category's acknowledge deadline in these tests: short enough to pass while the test watches.</summary>
    private static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(4);

    private static readonly string Screenshots = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    [Fact]
    public async Task Call_to_ticket_escalation_breach_alert_and_OPD_acknowledgement_in_the_browser()
    {
        await SetAnimalDeadlines();
        await using var calltaker = await SignedIn("calltaker");
        await using var supervisor = await SignedIn("supervisor");

        // Call intake: the screening answers while the number is typed; a never-seen number is a new caller.
        var desk = calltaker.Page;
        await desk.Locator("#caller-number").PressSequentiallyAsync("0812 7300 4411");
        await Expect(desk.Locator("#screening")).ToContainTextAsync("Penelepon baru");
        await calltaker.Screenshot("01-calltaker-screening");
        await desk.Locator("#intake-form button[type=submit]").ClickAsync();
        await Expect(desk.Locator("#classify-form")).ToBeVisibleAsync();

        // An emergency without a description is refused: the problem's field error is shown, nothing is opened.
        await desk.Locator("#classification").SelectOptionAsync("emergency");
        await desk.Locator("#category").SelectOptionAsync("animal");
        await Expect(desk.Locator("#category option[value=animal]")).ToHaveTextAsync("Hewan buas dan berbisa");
        await desk.Locator("#classify-form button[type=submit]").ClickAsync();
        await Expect(desk.Locator("#flash")).ToContainTextAsync("description");

        await desk.Locator("#description").FillAsync("Ular kobra masuk ke dapur rumah warga");
        await desk.Locator("#address").FillAsync("Jl. Salak Raya No. 12, Lingkar Timur");
        await desk.Locator("#classify-form button[type=submit]").ClickAsync();
        var opened = desk.Locator("#intake-result [data-ticket-number]");
        await Expect(opened).ToHaveAttributeAsync("data-ticket-number", new System.Text.RegularExpressions.Regex(@"^BKL-\d{4}-\d{6}$"));
        var number = (await opened.GetAttributeAsync("data-ticket-number"))!;

        // The ticket appears on the board (from the feed), open, and the call taker escalates it to its OPD.
        var deskRow = Row(desk, number);
        await Expect(deskRow).ToHaveAttributeAsync("data-status", "open");
        await Expect(deskRow).ToContainTextAsync("Hewan buas dan berbisa");
        await calltaker.Screenshot("02-calltaker-ticket-on-board");
        await deskRow.Locator("[data-action=escalate]").ClickAsync();
        await Expect(deskRow).ToHaveAttributeAsync("data-status", "escalated");
        await Expect(deskRow.Locator(".countdown")).ToContainTextAsync("Tanggapan");
        await Expect(deskRow).ToContainTextAsync("damkar");

        // Nobody acknowledges within the deadline: the supervisor's alert panel gets the breach live.
        var alert = supervisor.Page.Locator($"#alert-list li[data-kind='sla.breached'][data-ticket-number='{number}']");
        await Expect(alert).ToBeVisibleAsync(new() { Timeout = StepTimeout + (float)AcknowledgeWithin.TotalMilliseconds });
        await Expect(Row(supervisor.Page, number)).ToHaveClassAsync("breached");
        await Expect(Row(supervisor.Page, number).Locator(".countdown")).ToContainTextAsync("terlambat");
        await supervisor.Screenshot("03-supervisor-breach-alert");
        await alert.Locator("[data-action=acknowledge-alert]").ClickAsync();
        await Expect(alert).ToHaveCountAsync(0);
        await supervisor.Screenshot("04-supervisor-alert-acknowledged");

        // The fire brigade sees only its tickets, with the OPD's buttons, and acknowledges this one.
        await using var damkar = await SignedIn("opd", "damkar", TabletPortrait);
        var field = damkar.Page;
        await Expect(field.Locator("#who-opd")).ToContainTextAsync("damkar");
        await Expect(field.Locator("#intake")).ToBeHiddenAsync();
        await Expect(field.Locator("#alerts")).ToBeHiddenAsync();
        var fieldRow = Row(field, number);
        await Expect(fieldRow.Locator("[data-action=escalate]")).ToHaveCountAsync(0);
        await fieldRow.Locator("[data-action=acknowledge]").ClickAsync();
        await Expect(fieldRow).ToHaveAttributeAsync("data-status", "acknowledged");
        await Expect(fieldRow.Locator(".countdown")).ToContainTextAsync("Tiba di lokasi");
        await Expect(fieldRow.Locator("[data-action=on_scene]")).ToBeVisibleAsync();
        await damkar.Screenshot("05-opd-acknowledged");

        // The call taker's board follows without a reload; English is one click away.
        await Expect(deskRow).ToHaveAttributeAsync("data-status", "acknowledged");
        await desk.Locator("#lang-toggle").ClickAsync();
        await Expect(deskRow.Locator(".status")).ToHaveTextAsync("Acknowledged");
        await Expect(desk.Locator("#board-title")).ToHaveTextAsync("Open tickets");
        await calltaker.Screenshot("06-calltaker-english");

        foreach (var session in new[] { calltaker, supervisor, damkar })
            Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Signing_out_forgets_the_token_and_a_foreign_token_is_refused()
    {
        await using var session = await SignedIn("supervisor");
        await session.Page.Locator("#sign-out").ClickAsync();
        await Expect(session.Page.Locator("#signin")).ToBeVisibleAsync();
        Assert.Null(await session.Page.EvaluateAsync<string?>("sessionStorage.getItem('b112.token')"));

        await session.Page.Locator("#token-input").FillAsync(TestTokens.ForeignlySigned("supervisor"));
        await session.Page.Locator("#signin-form button[type=submit]").ClickAsync();
        await Expect(session.Page.Locator("#signin-error")).ToHaveTextAsync("Token ditolak oleh server.");
        await Expect(session.Page.Locator("#workspace")).ToBeHiddenAsync();
    }

    private static readonly ViewportSize TabletLandscape = new() { Width = 1280, Height = 800 };
    private static readonly ViewportSize TabletPortrait = new() { Width = 800, Height = 1280 };

    private static ILocator Row(IPage page, string number) => page.Locator($"#board-rows tr[data-number='{number}']");

    private async Task SetAnimalDeadlines()
    {
        var response = await api.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/animal", new
        {
            priority = "P2",
            primary_opd = "damkar",
            supporting_opds = Array.Empty<string>(),
            deadlines = new
            {
                acknowledge = System.Xml.XmlConvert.ToString(AcknowledgeWithin),
                on_scene = "PT10M",
                resolve = "PT1H",
            },
        });
        await response.AssertJson(HttpStatusCode.OK);
    }

    /// <summary>A browser context (its own sessionStorage) signed in by pasting a token into the page.</summary>
    private async Task<BrowserSession> SignedIn(string role, string? opd = null, ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = api.BaseAddress.ToString(),
            ViewportSize = viewport ?? TabletLandscape,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        var session = new BrowserSession(context, await context.NewPageAsync(), opd is null ? role : $"{role}-{opd}");
        var page = session.Page;
        await page.GotoAsync("/");
        await page.Locator("#token-input").FillAsync(api.Tokens.For(role, opd));
        await page.Locator("#signin-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        return session;
    }

    /// <summary>One signed-in browser context; collects script errors and policy violations, screenshots on request.</summary>
    private sealed class BrowserSession : IAsyncDisposable
    {
        private readonly IBrowserContext _context;
        private readonly string _name;
        public IPage Page { get; }
        public List<string> Problems { get; } = [];

        public BrowserSession(IBrowserContext context, IPage page, string name)
        {
            _context = context;
            _name = name;
            Page = page;
            page.PageError += (_, error) => Problems.Add("script error: " + error);
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                    Problems.Add("policy violation: " + message.Text);
            };
        }

        public async Task Screenshot(string name)
        {
            Directory.CreateDirectory(Screenshots);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        }

        public async ValueTask DisposeAsync()
        {
            // Whatever happened, leave the last state of each page behind for whoever reads a failure.
            try
            {
                Directory.CreateDirectory(Screenshots);
                await Page.ScreenshotAsync(new PageScreenshotOptions
                {
                    Path = Path.Combine(Screenshots, $"last-{_name}.png"), FullPage = true, Timeout = 5_000,
                });
            }
            catch (PlaywrightException)
            {
            }
            await _context.CloseAsync();
        }
    }
}
