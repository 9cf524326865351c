using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The supervisor board in a real browser against the real API over sockets, each person signed in with their own
/// account (created through the admin API, first password chosen on the page): a call taker records and classifies an
/// emergency and escalates it, a supervisor sees and hears the SLA breach alert arrive live and acknowledges it, the fire
/// brigade acknowledges the ticket. Access tokens live 15 s here, so every scenario also runs across silent renewals.
/// Screenshots go to TestResults/screenshots/.
/// </summary>
public sealed class BoardBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    private static readonly float StepTimeout = 20_000;
    /// <summary>The animal category's acknowledge deadline in these tests: short enough to pass while the test watches.</summary>
    private static readonly TimeSpan AcknowledgeWithin = TimeSpan.FromSeconds(4);

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
        // ...announced with the tone (the list counts the tones the browser let play).
        await Expect(supervisor.Page.Locator("#alert-list")).ToHaveAttributeAsync("data-tones", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        await Expect(Row(supervisor.Page, number)).ToHaveClassAsync("breached");
        await Expect(Row(supervisor.Page, number).Locator(".countdown")).ToContainTextAsync("terlambat");
        await supervisor.Screenshot("03-supervisor-breach-alert");
        await alert.Locator("[data-action=acknowledge-alert]").ClickAsync();
        await Expect(alert).ToHaveCountAsync(0);
        await supervisor.Screenshot("04-supervisor-alert-acknowledged");

        // The fire brigade sees only its tickets, with the OPD's buttons, and acknowledges this one.
        await using var damkar = await SignedIn("opd", "damkar", BrowserPage.TabletPortrait);
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
    public async Task The_first_sign_in_asks_for_an_own_password_and_refuses_a_weak_one()
    {
        var username = Accounts.NewUsername("calltaker");
        var initial = await Accounts.CreateAsync(api.Api, username, "calltaker", displayName: "Rina Wulandari");
        await using var browser = await BrowserPage.OpenAsync(chromium, api.BaseAddress, "first-sign-in");
        var page = browser.Page;
        await page.GotoAsync("/");
        await SubmitSignIn(page, username, initial);

        await Expect(page.Locator("#password-change")).ToBeVisibleAsync();
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        await Expect(page.Locator("#current-password-field")).ToBeHiddenAsync(); // the one-time password was just typed
        await Expect(page.Locator("#new-password")).ToBeFocusedAsync();
        await Accessibility.AssertNoSeriousViolations(page);
        await browser.Screenshot("password-change-id");

        await ChoosePassword(page, "Pemadam-Kebakaran-1", "Pemadam-Kebakaran-2");
        await Expect(page.Locator("#password-error")).ToHaveTextAsync("Kedua kata sandi baru tidak sama.");
        await ChoosePassword(page, username, username); // long enough for the page, refused by the server
        await Expect(page.Locator("#password-error")).ToContainTextAsync("new_password");
        await Expect(page.Locator("#password-change")).ToBeVisibleAsync();

        await ChoosePassword(page, "Pemadam-Kebakaran-1", "Pemadam-Kebakaran-1");
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(page.Locator("#who-name")).ToHaveTextAsync("Rina Wulandari");
        await Expect(page.Locator("#who-role")).ToHaveTextAsync("Petugas penerima panggilan");
        await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        await Accessibility.AssertNoSeriousViolations(page);
        Assert.Empty(browser.Problems);
    }

    [Fact]
    public async Task An_admin_creates_a_call_taker_and_an_OPD_operator_on_the_board_and_deactivation_ends_a_session()
    {
        await using var admin = await SignedIn("admin");
        var page = admin.Page;
        await Expect(page.Locator("#accounts")).ToBeVisibleAsync();
        await Expect(page.Locator("#intake")).ToBeHiddenAsync();

        var ani = Accounts.NewUsername("ani");
        var aniPassword = await CreateOnBoard(page, ani, "Ani Lestari", "calltaker");
        await Expect(page.Locator("#account-opd-field")).ToBeHiddenAsync();
        var budi = Accounts.NewUsername("budi");
        var budiPassword = await CreateOnBoard(page, budi, "Budi Santoso", "opd", "damkar");
        var aniRow = page.Locator($"#account-rows tr[data-username='{ani}']");
        await Expect(aniRow).ToContainTextAsync("Menunggu ganti kata sandi");
        await Expect(page.Locator($"#account-rows tr[data-username='{budi}']")).ToContainTextAsync("damkar");
        await Accessibility.AssertNoSeriousViolations(page);
        await admin.Screenshot("07-admin-accounts");

        await using var calltaker = await SignedInFirstTime(ani, aniPassword, "ani");
        await Expect(calltaker.Page.Locator("#who-name")).ToHaveTextAsync("Ani Lestari");
        await Expect(calltaker.Page.Locator("#intake")).ToBeVisibleAsync();
        await using var damkar = await SignedInFirstTime(budi, budiPassword, "budi", BrowserPage.TabletPortrait);
        await Expect(damkar.Page.Locator("#who-name")).ToHaveTextAsync("Budi Santoso");
        await Expect(damkar.Page.Locator("#who-opd")).ToContainTextAsync("damkar");

        // Deactivating Ani ends her session: her board goes back to the sign-in form by itself.
        await aniRow.Locator("[data-action=deactivate]").ClickAsync();
        await Expect(aniRow).ToHaveAttributeAsync("data-active", "false");
        var expired = BoardApiFixture.AccessTokenLifetime + BoardApiFixture.ClockSkew;
        await Expect(calltaker.Page.Locator("#signin-form")).ToBeVisibleAsync(new() { Timeout = (float)(expired * 2).TotalMilliseconds });
        await Expect(calltaker.Page.Locator("#signin-error")).ToHaveTextAsync("Sesi Anda telah berakhir. Silakan masuk lagi.");
        await Expect(damkar.Page.Locator("#workspace")).ToBeVisibleAsync();
        foreach (var session in new[] { admin, calltaker, damkar })
            Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        var username = Accounts.NewUsername("supervisor");
        await Accounts.CreateAsync(api.Api, username, "supervisor");
        await using var browser = await BrowserPage.OpenAsync(chromium, api.BaseAddress, "wrong-password");
        var page = browser.Page;
        await page.GotoAsync("/");
        foreach (var who in new[] { username, "nobody.at.all" })
        {
            await SubmitSignIn(page, who, "Bukan-kata-sandinya");
            await Expect(page.Locator("#signin-error")).ToHaveTextAsync("Nama pengguna atau kata sandi salah.");
            await Expect(page.Locator("#password")).ToBeFocusedAsync();
            await Expect(page.Locator("#password")).ToHaveValueAsync("");
        }
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task After_five_failures_the_page_says_the_username_is_locked_and_for_how_long()
    {
        var username = Accounts.NewUsername("calltaker");
        var initial = await Accounts.CreateAsync(api.Api, username, "calltaker");
        await using var browser = await BrowserPage.OpenAsync(chromium, api.BaseAddress, "locked-out");
        var page = browser.Page;
        await page.GotoAsync("/");
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SubmitSignIn(page, username, $"Salah-tebak-{attempt}");
            await Expect(page.Locator("#signin-error")).ToHaveTextAsync("Nama pengguna atau kata sandi salah.");
        }
        await SubmitSignIn(page, username, initial); // even the right password, while locked
        await Expect(page.Locator("#signin-error")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^Terlalu banyak percobaan gagal\. Coba lagi dalam 1[45]:\d\d\.$"));
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_reload_keeps_the_session_signing_out_ends_it_and_no_token_is_stored()
    {
        await using var supervisor = await SignedIn("supervisor");
        var page = supervisor.Page;
        Assert.Equal(0, await page.EvaluateAsync<int>("localStorage.length + sessionStorage.length"));
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == Accounts.RefreshCookie && !c.HttpOnly);

        await page.ReloadAsync(); // the refresh cookie resumes the session: no password asked
        await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
        await Expect(page.Locator("#who-name")).ToContainTextAsync("Petugas supervisor.");

        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#signin-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToBeHiddenAsync();
        await page.ReloadAsync(); // the session is over on the server too
        await Expect(page.Locator("#signin-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();
        Assert.Empty(supervisor.Problems);
    }

    [Fact]
    public async Task Two_tabs_resuming_at_once_both_stay_signed_in()
    {
        await using var first = await SignedIn("calltaker");
        var second = await first.Page.Context.NewPageAsync(); // the same browser: the same refresh cookie
        await second.GotoAsync("/");
        await Expect(second.Locator("#workspace")).ToBeVisibleAsync();

        // Both reload together, so both refresh together: one after the other, or the second would be a reuse that
        // ends the session.
        await Task.WhenAll(first.Page.ReloadAsync(), second.ReloadAsync());
        foreach (var page in new[] { first.Page, second })
        {
            await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
            await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        }
        await second.ReloadAsync(); // the session is still open on the server
        await Expect(second.Locator("#workspace")).ToBeVisibleAsync();
        Assert.Empty(first.Problems);
    }

    [Fact]
    public async Task Silent_renewal_keeps_the_board_and_its_feed_working_past_the_access_token_lifetime()
    {
        await using var supervisor = await SignedIn("supervisor");
        var page = supervisor.Page;
        var signedInAt = DateTime.UtcNow;
        var renewals = 0;
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/v1/auth/refresh", StringComparison.Ordinal) && response.Status == 200)
                Interlocked.Increment(ref renewals);
        };

        // Renewals until the token the page signed in with is refused by the API (and the feed opened with it ended).
        var expired = BoardApiFixture.AccessTokenLifetime + BoardApiFixture.ClockSkew;
        await Eventually.Within(expired * 4, () => Task.FromResult(Volatile.Read(ref renewals)),
            n => n >= 2 && DateTime.UtcNow - signedInAt > expired);

        // A ticket opened now reaches the board through the feed (reconnected with a fresh token), and the board reads
        // it with its current token.
        var ticket = await (await api.ClientAs("calltaker").PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody()))
            .AssertJson(HttpStatusCode.Created);
        var number = ticket.GetProperty("number").GetString()!;
        await Expect(Row(page, number)).ToHaveAttributeAsync("data-status", "open");
        await Expect(page.Locator("#board-feed")).ToHaveAttributeAsync("data-state", "live");
        await Expect(page.Locator("#signin")).ToBeHiddenAsync();
        Assert.Empty(supervisor.Problems);
    }

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

    private Task<BrowserPage> SignedIn(string role, string? opd = null, ViewportSize? viewport = null) =>
        BoardSessions.SignedIn(api, chromium, role, opd, viewport);

    private Task<BrowserPage> SignedInFirstTime(string username, string initial, string name, ViewportSize? viewport = null) =>
        BoardSessions.SignedInFirstTime(api, chromium, username, initial, name, viewport);

    /// <summary>Creates an account in the admin's accounts panel; answers the one-time password the page shows.</summary>
    private static async Task<string> CreateOnBoard(IPage page, string username, string displayName, string role, string? opd = null)
    {
        await page.Locator("#account-username").FillAsync(username);
        await page.Locator("#account-name").FillAsync(displayName);
        await page.Locator("#account-role").SelectOptionAsync(role);
        if (opd is not null)
            await page.Locator("#account-opd").SelectOptionAsync(opd);
        await page.Locator("#account-form button[type=submit]").ClickAsync();
        var secret = page.Locator($"#account-secret code[data-username='{username}']");
        await Expect(secret).ToBeVisibleAsync();
        return (await secret.TextContentAsync())!.Trim();
    }

    private static Task SubmitSignIn(IPage page, string username, string password) =>
        BoardSessions.SubmitSignIn(page, username, password);

    private static Task ChoosePassword(IPage page, string password, string again) =>
        BoardSessions.ChoosePassword(page, password, again);
}
