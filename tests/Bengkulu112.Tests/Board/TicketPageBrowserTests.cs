using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The ticket page (`#/tickets/{id}`) in a real browser, each person signed in with their own account: a call taker
/// follows a link to it (surviving a reload), reads every field, the deadlines, the map and the linked call, writes a
/// note and escalates; the fire brigade acknowledges and resolves from the same page; an OPD it does not concern gets
/// the server's refusal. Screenshots in both languages go to TestResults/screenshots/ (docs/screenshots/ holds copies).
/// </summary>
public sealed class TicketPageBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    private async Task<JsonElement> OpenFireTicketWithACall()
    {
        var desk = api.ClientAs("calltaker");
        var call = await desk.RecordCall(CallRequests.NewNumber());
        var response = await desk.PostAsJsonAsync("/api/v1/tickets", new
        {
            category = "fire",
            description = "Gudang kayu terbakar, asap tebal",
            location = new { address = "Jl. Suprapto No. 12", kelurahan = "Pasar Baru", kecamatan = "Teluk Segara", lat = -3.7928, lon = 102.2608 },
            call_ids = new[] { CallRequests.Id(call) },
        });
        return await response.AssertJson(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_call_taker_and_the_fire_brigade_work_a_ticket_from_its_page()
    {
        var ticket = await OpenFireTicketWithACall();
        var number = ticket.Str("number");
        await using var calltaker = await BoardSessions.SignedIn(api, chromium, "calltaker", displayName: "Rina Wulandari");
        var page = calltaker.Page;

        // The board links the ticket's page; the address is the ticket's and survives a reload (the session resumes).
        await page.Locator($"#board-rows tr[data-number='{number}'] a").ClickAsync();
        await Expect(page.Locator("#ticket-title")).ToContainTextAsync(number);
        Assert.EndsWith($"#/tickets/{TicketRequests.Id(ticket)}", page.Url);
        await page.ReloadAsync();
        await Expect(page.Locator("#ticket-title")).ToContainTextAsync(number);
        await Expect(page.Locator("#workspace")).ToBeHiddenAsync();

        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("Terbuka");
        await Expect(page.Locator("#ticket-details")).ToContainTextAsync("Gudang kayu terbakar, asap tebal");
        await Expect(page.Locator("#ticket-details")).ToContainTextAsync("Teluk Segara");
        await Expect(page.Locator("#ticket-details")).ToContainTextAsync("Kebakaran");
        await Expect(page.Locator("#ticket-deadlines")).ToContainTextAsync("Tenggat mulai berjalan");
        await Expect(page.Locator("#ticket-calls li[data-call-id]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#ticket-map .leaflet-marker-icon")).ToBeVisibleAsync();
        await Expect(page.Locator("#ticket-map-caption")).ToContainTextAsync("-3.79280, 102.26080");
        await Expect(page.Locator("#ticket-actions [data-action]")).ToHaveCountAsync(2); // escalate, cancel
        await Expect(page.Locator("#ticket-actions [data-action=acknowledge]")).ToHaveCountAsync(0);

        // A note the server refuses (blank) shows its problem; a real one joins the timeline under the person's name.
        await page.Locator("#ticket-note").FillAsync("   ");
        await page.Locator("#ticket-note-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#flash")).ToContainTextAsync("text");
        await page.Locator("#ticket-note").FillAsync("Pelapor kedua menyebut dua rumah di sebelahnya ikut terancam");
        await page.Locator("#ticket-note-form button[type=submit]").ClickAsync();
        var note = page.Locator("#ticket-timeline li[data-kind=note]");
        await Expect(note).ToContainTextAsync("Rina Wulandari");
        await Expect(note).ToContainTextAsync("dua rumah di sebelahnya");

        // Escalation starts the three deadlines, counting down.
        await page.Locator("#ticket-actions [data-action=escalate]").ClickAsync();
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("Diteruskan ke OPD");
        await Expect(page.Locator("#ticket-deadlines li[data-deadline=acknowledge]")).ToContainTextAsync("sisa");
        await Expect(page.Locator("#ticket-deadlines li")).ToHaveCountAsync(3);
        await Expect(page.Locator("#ticket-timeline li[data-kind=escalated]")).ToContainTextAsync("Rina Wulandari");
        await Accessibility.AssertNoSeriousViolations(page);
        await calltaker.Screenshot("ticket-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("Escalated");
        await Expect(page.Locator("#ticket-deadlines li[data-deadline=acknowledge]")).ToContainTextAsync("left");
        await Accessibility.AssertNoSeriousViolations(page);
        await calltaker.Screenshot("ticket-en");

        // The fire brigade opens the same address and works the ticket with its own actions.
        await using var damkar = await BoardSessions.SignedIn(api, chromium, "opd", "damkar", BrowserPage.TabletPortrait);
        var field = damkar.Page;
        await field.GotoAsync($"/#/tickets/{TicketRequests.Id(ticket)}");
        await Expect(field.Locator("#ticket-title")).ToContainTextAsync(number);
        await Expect(field.Locator("#ticket-calls-section")).ToBeHiddenAsync();
        await Expect(field.Locator("#ticket-actions [data-action=escalate]")).ToHaveCountAsync(0);
        await field.Locator("#ticket-actions [data-action=acknowledge]").ClickAsync();
        await Expect(field.Locator("#ticket-status")).ToHaveTextAsync("Diterima OPD");
        await Expect(field.Locator("#ticket-deadlines li[data-deadline=acknowledge]")).ToContainTextAsync("terpenuhi");
        await field.Locator("#ticket-actions [data-action=on_scene]").ClickAsync();
        await Expect(field.Locator("#ticket-status")).ToHaveTextAsync("Di lokasi");
        await field.Locator("#ticket-actions [data-action=resolve]").ClickAsync();
        await field.Locator("#ask-text").FillAsync("Api padam, tidak ada korban");
        await field.Locator("#ask-ok").ClickAsync();
        await Expect(field.Locator("#ticket-status")).ToHaveTextAsync("Selesai ditangani");
        await Expect(field.Locator("#ticket-timeline li[data-kind=resolved]")).ToContainTextAsync("Api padam, tidak ada korban");
        await Accessibility.AssertNoSeriousViolations(field);
        await damkar.Screenshot("ticket-opd-id");
        await field.Locator("#lang-toggle").ClickAsync();
        await Expect(field.Locator("#ticket-status")).ToHaveTextAsync("Resolved");
        await damkar.Screenshot("ticket-opd-en");

        // The call taker's page follows live and now offers closing or reopening.
        await Expect(page.Locator("#ticket-status")).ToHaveTextAsync("Resolved");
        await Expect(page.Locator("#ticket-actions [data-action=close]")).ToBeVisibleAsync();
        await Expect(page.Locator("#ticket-actions [data-action=reopen]")).ToBeVisibleAsync();

        foreach (var session in new[] { calltaker, damkar })
            Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task An_OPD_the_ticket_does_not_concern_gets_the_servers_refusal_not_the_ticket()
    {
        var ticket = await OpenFireTicketWithACall();
        await using var other = await BoardSessions.SignedIn(api, chromium, "opd", "dlh");
        var page = other.Page;
        await page.GotoAsync($"/#/tickets/{TicketRequests.Id(ticket)}");
        await Expect(page.Locator("#ticket-view")).ToBeVisibleAsync();
        await Expect(page.Locator("#ticket-body")).ToBeHiddenAsync();
        await Expect(page.Locator("#ticket-title")).Not.ToContainTextAsync(ticket.Str("number"));
        await Expect(page.Locator("#ticket-title")).Not.ToHaveTextAsync("Memuat tiket…");
        Assert.Empty(other.Problems);
    }
}
