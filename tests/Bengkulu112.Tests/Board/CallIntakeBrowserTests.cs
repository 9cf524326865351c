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
/// The call taker's intake in a real browser, signed in with a real account: a call without a number in a chosen
/// kecamatan linked to the open ticket the server suggests, a prank call classified with one click, and a blood
/// emergency with its blood fields and a location picked on the map. Screenshots in both languages go to
/// TestResults/screenshots/ (docs/screenshots/ holds copies).
/// </summary>
public sealed class CallIntakeBrowserTests(BoardApiFixture api, ChromiumBrowser chromium)
    : IClassFixture<BoardApiFixture>, IClassFixture<ChromiumBrowser>
{
    private static async Task Record(IPage page, string? number, string callerId = "present", string? kecamatan = null)
    {
        await page.Locator("#caller-id").SelectOptionAsync(callerId);
        if (number is not null)
            await page.Locator("#caller-number").FillAsync(number);
        if (kecamatan is not null)
            await page.Locator("#call-kecamatan").SelectOptionAsync(kecamatan);
        await page.Locator("#intake-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#classify-form")).ToBeVisibleAsync();
    }

    private async Task<JsonElement> Ticket(string id) =>
        await (await api.ClientAs("supervisor").GetAsync($"/api/v1/tickets/{id}")).AssertJson(HttpStatusCode.OK);

    [Fact]
    public async Task A_call_without_a_number_is_linked_to_the_suggested_ticket_and_a_prank_takes_one_click()
    {
        var existing = await api.ClientAs("calltaker").CreateAsync(TicketRequests.FireBody("Ruko terbakar di Jl. Suprapto"));
        await using var calltaker = await BoardSessions.SignedIn(api, chromium, "calltaker");
        var page = calltaker.Page;

        // Each field has a name of its own: the number, and whether the network showed one.
        await Expect(page.GetByLabel("Nomor penelepon", new() { Exact = true })).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Tampilan nomor", new() { Exact = true })).ToHaveCountAsync(1);
        await page.Locator("#caller-id").SelectOptionAsync("withheld");
        await Expect(page.Locator("#caller-number")).ToBeDisabledAsync();
        await Expect(page.Locator("#screening")).ToContainTextAsync("tanpa nomor");
        await Record(page, null, "withheld", "Teluk Segara");
        await page.Locator("#classification").SelectOptionAsync("emergency");
        await page.Locator("#category").SelectOptionAsync("fire");
        await Expect(page.Locator("#kecamatan")).ToHaveValueAsync("Teluk Segara");
        var suggestion = page.Locator($"#suggestions li[data-suggestion='{existing.Str("number")}']");
        await Expect(suggestion).ToBeVisibleAsync();
        await page.Locator("#lat").FillAsync("-3.7930");
        await page.Locator("#lon").FillAsync("102.2610");
        await page.Locator("#lon").DispatchEventAsync("change");
        await Expect(suggestion).ToContainTextAsync(" m");
        await Accessibility.AssertNoSeriousViolations(page);
        await calltaker.Screenshot("intake-suggestion-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#suggestions [data-link]").First).ToHaveTextAsync("Link this call to the ticket");
        await Accessibility.AssertNoSeriousViolations(page);
        await calltaker.Screenshot("intake-suggestion-en");
        await page.Locator("#lang-toggle").ClickAsync();

        await suggestion.Locator("[data-link]").ClickAsync();
        await Expect(page.Locator("#intake-result [data-ticket-number]")).ToHaveAttributeAsync("data-ticket-number", existing.Str("number"));
        var linked = await Ticket(TicketRequests.Id(existing));
        Assert.Equal(1, linked.GetProperty("call_ids").GetArrayLength());

        // A prank: recorded with a number, classified with one click.
        await Record(page, CallRequests.NewNumber());
        await page.Locator("#quick-classify [data-classify=prank]").ClickAsync();
        await Expect(page.Locator("#intake-result")).ToContainTextAsync("Panggilan iseng");
        await Expect(page.Locator("#intake-form")).ToBeVisibleAsync();
        Assert.Empty(calltaker.Problems);
    }

    [Fact]
    public async Task A_blood_emergency_carries_its_blood_fields_and_the_location_picked_on_the_map()
    {
        await using var calltaker = await BoardSessions.SignedIn(api, chromium, "calltaker");
        var page = calltaker.Page;
        await Record(page, CallRequests.NewNumber(), kecamatan: "Ratu Agung");
        await page.Locator("#classification").SelectOptionAsync("emergency");
        await page.Locator("#category").SelectOptionAsync("blood");
        await Expect(page.Locator("#blood-fields")).ToBeVisibleAsync();
        await page.Locator("#description").FillAsync("Pasien operasi butuh darah segera");
        await page.Locator("#address").FillAsync("RSUD M. Yunus");
        await page.Locator("#pick-map").ClickAsync();
        await Expect(page.Locator("#lat")).Not.ToHaveValueAsync("");
        await Expect(page.Locator("#pick-map .leaflet-marker-icon")).ToBeVisibleAsync();
        await page.Locator("#blood-group").SelectOptionAsync("O-");
        await page.Locator("#blood-units").FillAsync("3");
        await page.Locator("#blood-hospital").FillAsync("RSUD M. Yunus");
        await page.Locator("#classify-form button[type=submit]").ClickAsync();
        var opened = page.Locator("#intake-result [data-ticket-id]");
        await Expect(opened).ToBeVisibleAsync();

        var ticket = await Ticket((await opened.GetAttributeAsync("data-ticket-id"))!);
        Assert.Equal("blood", ticket.Str("category"));
        Assert.Equal("O-", ticket.GetProperty("blood").Str("group"));
        Assert.Equal(3, ticket.GetProperty("blood").GetProperty("units").GetInt32());
        var location = ticket.GetProperty("location");
        Assert.Equal("Ratu Agung", location.Str("kecamatan"));
        Assert.InRange(location.GetProperty("lat").GetDouble(), -3.9, -3.7);
        Assert.InRange(location.GetProperty("lon").GetDouble(), 102.1, 102.4);
        Assert.Empty(calltaker.Problems);
    }

    [Fact]
    public async Task A_supervisor_flags_a_caller_from_the_screening_and_lifts_the_flag()
    {
        var number = CallRequests.NewNumber();
        await api.ClientAs("calltaker").RecordCall(number);
        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor");
        var page = supervisor.Page;
        await page.Locator("#caller-number").PressSequentiallyAsync(number);
        await page.Locator("#screening [data-action=flag]").ClickAsync();
        await page.Locator("#ask-text").FillAsync("Sering melapor kebakaran palsu");
        await page.Locator("#ask-ok").ClickAsync();
        await Expect(page.Locator("#screening")).ToContainTextAsync("Nomor ditandai: Sering melapor kebakaran palsu");
        var caller = await (await api.ClientAs("calltaker").GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.True(caller.GetProperty("flagged").GetBoolean());
        await Accessibility.AssertNoSeriousViolations(page);
        await supervisor.Screenshot("supervisor-flag-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#screening")).ToContainTextAsync("Number flagged: Sering melapor kebakaran palsu");
        await supervisor.Screenshot("supervisor-flag-en");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#screening")).ToContainTextAsync("Nomor ditandai");

        await page.Locator("#screening [data-action=unflag]").ClickAsync();
        await Expect(page.Locator("#screening [data-action=flag]")).ToBeVisibleAsync();
        await Expect(page.Locator("#screening")).Not.ToContainTextAsync("Nomor ditandai");
        caller = await (await api.ClientAs("calltaker").GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.False(caller.GetProperty("flagged").GetBoolean());

        // A call taker's screening has no flag button.
        await using var calltaker = await BoardSessions.SignedIn(api, chromium, "calltaker");
        await calltaker.Page.Locator("#caller-number").PressSequentiallyAsync(number);
        await Expect(calltaker.Page.Locator("#screening")).ToContainTextAsync("panggilan sebelumnya");
        await Expect(calltaker.Page.Locator("#screening [data-action]")).ToHaveCountAsync(0);
        Assert.Empty(supervisor.Problems);
    }
}
