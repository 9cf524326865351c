using System.Net;
using System.Text.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// An admin, signed in with a real account, keeps the system from the page: an account, the OPD directory, a deadline of
/// the routing table (read back through the API), a webhook to a local receiver with its deliveries and a rotated
/// secret, and the audit log showing those actions. Anyone else neither sees nor reaches those screens. Screenshots of
/// each screen in both languages go to TestResults/screenshots/ (docs/screenshots/ holds copies).
/// </summary>
public sealed class AdminBrowserTests(AdminBoardFixture api, ChromiumBrowser chromium)
    : IClassFixture<AdminBoardFixture>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task An_admin_keeps_accounts_opds_routing_webhooks_and_reads_the_audit_log()
    {
        await using var admin = await BoardSessions.SignedIn(api, chromium, "admin", displayName: "Admin Kota");
        var page = admin.Page;
        await Expect(page.Locator("#admin-nav")).ToBeVisibleAsync();

        // An account, from the accounts panel beside the board.
        var username = Accounts.NewUsername("calltaker");
        await page.Locator("#account-username").FillAsync(username);
        await page.Locator("#account-name").FillAsync("Sari Penerima");
        await page.Locator("#account-role").SelectOptionAsync("calltaker");
        await page.Locator("#account-form button[type=submit]").ClickAsync();
        await Expect(page.Locator($"#account-secret code[data-username='{username}']")).ToBeVisibleAsync();

        await OpdDirectory(admin);
        await RoutingTable(admin);
        var webhookId = await Webhooks(admin);
        await AuditLog(admin, username, webhookId);
        Assert.Empty(admin.Problems);
    }

    private async Task OpdDirectory(BrowserPage admin)
    {
        var page = admin.Page;
        await page.Locator("#admin-nav a[href='#/admin/opds']").ClickAsync();
        await Expect(page.Locator("#admin-title")).ToHaveTextAsync("Direktori OPD");
        await Expect(page.Locator("#admin-opds tr[data-code='damkar']")).ToBeVisibleAsync();

        // A code the directory cannot take: the server's problem names the field.
        await page.Locator("#opd-code").FillAsync("Tim SAR");
        await page.Locator("#opd-name").FillAsync("Tim SAR Kota");
        await page.Locator("#opd-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-opds .outcome.error")).ToContainTextAsync("code");

        // A new OPD may not take a code in use (that would replace the fire brigade).
        await page.Locator("#opd-code").FillAsync("damkar");
        await page.Locator("#opd-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-opds .outcome.error")).ToContainTextAsync("damkar sudah dipakai");
        await Expect(page.Locator("#admin-opds tr[data-code='damkar']")).ToContainTextAsync("Dinas Pemadam Kebakaran");

        // A new OPD, then a change to it.
        await page.Locator("#opd-code").FillAsync("sar");
        await page.Locator("#opd-categories label:has-text('Bencana alam') input").CheckAsync();
        await page.Locator("#opd-backup").SelectOptionAsync("bpbd");
        await page.Locator("#opd-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-opds tr[data-code='sar']")).ToContainTextAsync("Tim SAR Kota");
        await Expect(page.Locator("#opd-form-title")).ToHaveTextAsync("Ubah OPD sar");
        await page.Locator("#opd-name").FillAsync("Tim SAR Kota Bengkulu");
        await page.Locator("#opd-active").UncheckAsync();
        await page.Locator("#opd-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-opds tr[data-code='sar']")).ToHaveAttributeAsync("data-active", "false");
        var sar = await (await api.ClientAs("supervisor").GetAsync("/api/v1/opds/sar")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("Tim SAR Kota Bengkulu", sar.GetProperty("name").GetString());
        Assert.Equal(["disaster"], sar.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("bpbd", sar.GetProperty("backup_opd").GetString());
        Assert.False(sar.GetProperty("active").GetBoolean());

        await Screens(admin, "admin-opds", "OPD directory");
    }

    private async Task RoutingTable(BrowserPage admin)
    {
        var page = admin.Page;
        await page.Locator("#admin-nav a[href='#/admin/routing']").ClickAsync();
        var accident = page.Locator("#admin-routing tr[data-category='accident']");
        await accident.Locator("button[data-action=edit]").ClickAsync();
        await Expect(page.Locator("#routing-form-title")).ToContainTextAsync("Kecelakaan");

        // A resolve deadline shorter than the on-scene one: refused, and the server says why.
        await page.Locator("#routing-resolve").FillAsync("1");
        await page.Locator("#routing-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-routing .outcome.error")).ToContainTextAsync("deadlines.resolve");

        // By keyboard alone: the new deadlines typed, Enter saves.
        await page.Locator("#routing-acknowledge").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("7");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#routing-on_scene")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("180");
        await page.Keyboard.PressAsync("Enter");
        await Expect(accident.Locator("[data-deadline=acknowledge]")).ToHaveTextAsync("7 mnt");
        await Expect(accident.Locator("[data-deadline=resolve]")).ToHaveTextAsync("3 j");
        var rule = await (await api.ClientAs("calltaker").GetAsync("/api/v1/routing/accident")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("PT7M", rule.GetProperty("deadlines").GetProperty("acknowledge").GetString());
        Assert.Equal("PT3H", rule.GetProperty("deadlines").GetProperty("resolve").GetString());

        await Screens(admin, "admin-routing", "Routing and deadlines");
    }

    /// <summary>Adds a webhook, watches its deliveries arrive, rotates its secret, deletes another; answers its id.</summary>
    private async Task<string> Webhooks(BrowserPage admin)
    {
        var page = admin.Page;
        await page.Locator("#admin-nav a[href='#/admin/webhooks']").ClickAsync();
        await Expect(page.Locator("#admin-title")).ToHaveTextAsync("Webhook");

        await page.Locator("#webhook-url").FillAsync("ftp://example.org/hook");
        await page.Locator("#webhook-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-webhooks .outcome.error")).ToContainTextAsync("url: must be an absolute http or https URL");

        var url = api.Receiver.NewUrl(out var path);
        await page.Locator("#webhook-url").FillAsync(url);
        await page.Locator("#webhook-events label:has-text('alert.raised') input").UncheckAsync();
        await page.Locator("#webhook-form button[type=submit]").ClickAsync();
        var secret = page.Locator("#webhook-secret code.one-time");
        await Expect(secret).ToBeVisibleAsync();
        var id = await secret.GetAttributeAsync("data-webhook") ?? throw new InvalidOperationException("no webhook id");
        var first = await secret.TextContentAsync();
        var row = page.Locator($"#admin-webhooks tr[data-webhook='{id}']");
        await Expect(row).ToContainTextAsync("ticket.changed");
        await Expect(row).Not.ToContainTextAsync("alert.raised");

        // A ticket change is delivered, and the log shows it.
        await api.ClientAs("calltaker").CreateFireAsync();
        await row.Locator("button[data-action=deliveries]").ClickAsync();
        await Expect(page.Locator("#webhook-log tr[data-delivered=true][data-event='ticket.changed']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#webhook-log tr[data-delivered=true]").First).ToContainTextAsync("200");
        Assert.NotEmpty(api.Receiver.To(path));

        // A new secret, shown once; the old one keeps signing for the overlap.
        await row.Locator("button[data-action=rotate]").ClickAsync();
        await Expect(secret).Not.ToHaveTextAsync(first!);
        await Expect(row).ToContainTextAsync("masih menandatangani sampai");
        var rotated = await (await api.ClientAs("admin").GetAsync($"/api/v1/webhooks/{id}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.String, rotated.GetProperty("previous_secret_expires_at").ValueKind);

        await Screens(admin, "admin-webhooks", "Webhooks");

        // Another webhook, deleted after the confirmation.
        await page.Locator("#webhook-url").FillAsync(api.Receiver.NewUrl(out _));
        await page.Locator("#webhook-form button[type=submit]").ClickAsync();
        var otherSecret = page.Locator($"#webhook-secret code.one-time:not([data-webhook='{id}'])");
        await Expect(otherSecret).ToBeVisibleAsync();
        var other = await otherSecret.GetAttributeAsync("data-webhook");
        var otherRow = page.Locator($"#admin-webhooks tr[data-webhook='{other}']");
        await otherRow.Locator("button[data-action=delete]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(otherRow.Locator("button[data-action=confirm-delete]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(otherRow).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await api.ClientAs("admin").GetAsync($"/api/v1/webhooks/{other}")).StatusCode);
        return id;
    }

    private async Task AuditLog(BrowserPage admin, string username, string webhookId)
    {
        var page = admin.Page;
        await page.Locator("#admin-nav a[href='#/admin/audit']").ClickAsync();
        var rows = page.Locator("#admin-audit tbody tr");
        foreach (var (action, subject) in new[]
        {
            ("user.create", $"user:{username}"), ("opd.create", "opd:sar"), ("opd.update", "opd:sar"),
            ("routing.put", "routing:accident"), ("webhook.create", $"webhook:{webhookId}"),
            ("webhook.rotate_secret", $"webhook:{webhookId}"),
        })
        {
            await Expect(page.Locator($"#admin-audit tr[data-action='{action}'][data-subject='{subject}']")).ToHaveCountAsync(1);
        }
        await Expect(rows.Filter(new() { HasText = "webhook.rotate_secret" })).ToContainTextAsync("Admin Kota");

        // Narrowed to one subject (typed, or chosen from a row).
        await page.Locator("#audit-subject").FillAsync($"webhook:{webhookId}");
        await page.Locator("#audit-filter button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        await page.Locator("#audit-filter button[type=button]").ClickAsync();
        await page.Locator("#admin-audit tr[data-action='routing.put'] button.link").ClickAsync();
        await Expect(page.Locator("#audit-subject")).ToHaveValueAsync("routing:accident");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#audit-older")).ToBeDisabledAsync();

        await Screens(admin, "admin-audit", "Audit log");
    }

    /// <summary>The screen has no serious accessibility problem and is shot in both languages (back in Indonesian after).</summary>
    private static async Task Screens(BrowserPage admin, string name, string englishTitle)
    {
        var page = admin.Page;
        await Accessibility.AssertNoSeriousViolations(page);
        await admin.Screenshot($"{name}-id");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#admin-title")).ToHaveTextAsync(englishTitle);
        await Accessibility.AssertNoSeriousViolations(page);
        await admin.Screenshot($"{name}-en");
        await page.Locator("#lang-toggle").ClickAsync();
        await Expect(page.Locator("#admin-title")).Not.ToHaveTextAsync(englishTitle);
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_neither_sees_nor_reaches_the_admin_screens()
    {
        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor");
        var page = supervisor.Page;
        await Expect(page.Locator("#admin-nav")).ToBeHiddenAsync();
        foreach (var screen in new[] { "opds", "routing", "webhooks", "audit" })
        {
            await page.GotoAsync($"/#/admin/{screen}");
            await Expect(page.Locator("#workspace")).ToBeVisibleAsync();
            await Expect(page.Locator("#admin-view")).ToBeHiddenAsync();
            await Expect(page.Locator("#admin-nav")).ToBeHiddenAsync();
        }
        Assert.Empty(supervisor.Problems);
    }
}
