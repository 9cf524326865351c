using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Bengkulu112.Tests.Api.Feeds;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Interop;

/// <summary>`GET /alerts/{id}/cap` and `GET /cap/alerts.atom`: supervisor alerts as OASIS CAP 1.2 messages.</summary>
public sealed class CapAlertTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Sender = "112@bengkulukota.go.id";
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");
    private HttpClient Damkar => fixture.ClientAs("opd", "damkar");

    private static string Wib7(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Wib).ToString("yyyy-MM-dd'T'HH:mm:sszzz");

    /// <summary>An escalated ticket of <paramref name="category"/> with an alert raised on it.</summary>
    private async Task<(JsonElement Ticket, InsertedAlert Alert)> AlertOn(string category = "fire", string kind = "sla.breached")
    {
        var ticket = await CallTaker.CreateAsync(new
        {
            category,
            description = "Laporan " + category,
            location = new { address = "Jl. Suprapto No. 12" },
            opd = category == "other" ? "damkar" : null,
            blood = category == "blood" ? new { group = "A+", units = 2, hospital = "RSUD M. Yunus" } : null,
        });
        ticket = await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        var alert = await AlertRows.InsertAsync(fixture.ConnectionString, kind, "acknowledge", ticket.Str("opd"),
            Guid.Parse(ticket.Str("id")), ticket.Str("number"));
        return (ticket, alert);
    }

    private async Task<XElement> Cap(long id)
    {
        using var response = await Supervisor.GetAsync($"/api/v1/alerts/{id}/cap");
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {xml}");
        Assert.Equal("application/cap+xml", response.Content.Headers.ContentType?.MediaType);
        return CapConformance.AssertValid(xml);
    }

    private static XNamespace Ns => CapConformance.Ns;

    [Fact]
    public async Task An_alert_is_a_private_CAP_message_to_the_supervisors_in_both_languages()
    {
        var (ticket, raised) = await AlertOn();

        var alert = await Cap(raised.Id);

        Assert.Equal($"BKL112-ALERT-{raised.Id}", alert.Value("identifier"));
        Assert.Equal(Sender, alert.Value("sender"));
        Assert.Equal(Wib7(raised.RaisedAt), alert.Value("sent"));
        Assert.EndsWith("+07:00", alert.Value("sent"));
        Assert.Equal(("Actual", "Alert", "Private"), (alert.Value("status"), alert.Value("msgType"), alert.Value("scope")));
        Assert.Equal("supervisors@112.bengkulukota.go.id", alert.Value("addresses"));
        Assert.Equal(ticket.Str("number"), alert.Value("incidents"));
        var infos = alert.Elements(Ns + "info").ToList();
        Assert.Equal(["en-US", "id-ID"], infos.Select(i => i.Value("language")));
        foreach (var info in infos)
        {
            Assert.Equal(("Fire", "Immediate", "Severe", "Observed"),
                (info.Value("category"), info.Value("urgency"), info.Value("severity"), info.Value("certainty")));
            var parameters = info.Elements(Ns + "parameter").ToDictionary(p => p.Value("valueName"), p => p.Value("value"));
            Assert.Equal(ticket.Str("id"), parameters["ticket_id"]);
            Assert.Equal("damkar", parameters["opd"]);
            Assert.Equal(Wib7(raised.DueAt), parameters["due_at"]);
            Assert.Equal("Jl. Suprapto No. 12", info.Element(Ns + "area")!.Value("areaDesc"));
            Assert.Equal("sla.breached", info.Element(Ns + "eventCode")!.Value("value"));
        }
        Assert.Equal(alert.ToString(), (await Cap(raised.Id)).ToString());
    }

    public static TheoryData<string, string, string> Categories() => new()
    {
        { "fire", "Fire", "Severe" }, { "animal", "Safety", "Moderate" }, { "fallen_tree", "Safety", "Moderate" },
        { "accident", "Transport", "Severe" }, { "wasp_nest", "Safety", "Minor" }, { "traffic", "Transport", "Minor" },
        { "ambulance", "Health", "Severe" }, { "public_works", "Infra", "Minor" }, { "public_order", "Security", "Moderate" },
        { "disaster", "Geo", "Severe" }, { "blood", "Health", "Severe" }, { "other", "Other", "Minor" },
    };

    [Theory]
    [MemberData(nameof(Categories))]
    public async Task Every_category_has_its_CAP_category_and_its_priority_a_severity(string category, string capCategory, string severity)
    {
        var (_, raised) = await AlertOn(category, "escalation.overdue");

        var info = (await Cap(raised.Id)).Element(Ns + "info")!;

        Assert.Equal((capCategory, severity), (info.Value("category"), info.Value("severity")));
        Assert.StartsWith("Escalation overdue", info.Value("event"));
    }

    [Theory]
    [InlineData("resolve")]
    [InlineData("cancel")]
    public async Task A_ticket_that_ends_cancels_its_open_alert_naming_the_alert_exactly(string end)
    {
        var (ticket, raised) = await AlertOn();
        var original = await Cap(raised.Id);
        if (end == "resolve")
        {
            await Damkar.CommandAsync(ticket, "acknowledge").OkAsync();
            await Damkar.CommandAsync(ticket, "on-scene").OkAsync();
            await Damkar.CommandAsync(ticket, "resolve", new { note = "Selesai" }).OkAsync();
        }
        else
            await CallTaker.CommandAsync(ticket, "cancel", new { reason = "Laporan palsu" }).OkAsync();

        var cancel = await Cap(raised.Id);

        Assert.Equal("Cancel", cancel.Value("msgType"));
        Assert.Equal($"BKL112-ALERT-{raised.Id}-CANCEL", cancel.Value("identifier"));
        Assert.Equal($"{original.Value("sender")},{original.Value("identifier")},{original.Value("sent")}", cancel.Value("references"));
        Assert.Equal(("Private", ticket.Str("number")), (cancel.Value("scope"), cancel.Value("incidents")));
        Assert.True(DateTimeOffset.Parse(cancel.Value("sent")) >= DateTimeOffset.Parse(original.Value("sent")));
        Assert.Contains(end == "resolve" ? "resolved" : "cancelled", cancel.Value("note"));

        if (end == "resolve")
        {
            await CallTaker.CommandAsync(ticket, "reopen", new { reason = "Api menyala lagi" }).OkAsync();
            Assert.Equal(cancel.ToString(), (await Cap(raised.Id)).ToString()); // a published cancel is never taken back
        }
    }

    [Fact]
    public async Task An_alert_acknowledged_before_its_ticket_ended_is_not_cancelled()
    {
        var (ticket, raised) = await AlertOn();
        await (await Supervisor.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).AssertJson(HttpStatusCode.OK);
        await CallTaker.CommandAsync(ticket, "cancel", new { reason = "Laporan ganda" }).OkAsync();

        Assert.Equal("Alert", (await Cap(raised.Id)).Value("msgType"));
    }

    [Fact]
    public async Task The_Atom_feed_carries_the_latest_messages_newest_first_each_valid_CAP()
    {
        var (ticket, raised) = await AlertOn();
        await CallTaker.CommandAsync(ticket, "cancel", new { reason = "Laporan ganda" }).OkAsync();
        var (_, later) = await AlertOn("animal");

        using var response = await Supervisor.GetAsync("/api/v1/cap/alerts.atom?limit=500");
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, xml);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(xml).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" })
            Assert.NotNull(feed.Element(Atom + required));

        var entries = feed.Elements(Atom + "entry").ToList();
        var alerts = entries.Select(e => e.Element(Atom + "content")!).Select(c =>
        {
            Assert.Equal("application/cap+xml", c.Attribute("type")!.Value);
            return CapConformance.AssertValid(c.Elements().Single().ToString());
        }).ToList();
        var sent = alerts.Select(a => DateTimeOffset.Parse(a.Value("sent"))).ToList();
        Assert.Equal(sent.OrderByDescending(s => s), sent);
        Assert.Equal(entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count(), entries.Count);

        var identifiers = alerts.Select(a => a.Value("identifier")).ToList();
        Assert.Contains($"BKL112-ALERT-{later.Id}", identifiers);
        var cancel = alerts.Single(a => a.Value("identifier") == $"BKL112-ALERT-{raised.Id}-CANCEL");
        var original = alerts.Single(a => a.Value("identifier") == $"BKL112-ALERT-{raised.Id}");
        Assert.Equal($"{original.Value("sender")},{original.Value("identifier")},{original.Value("sent")}", cancel.Value("references"));
        var link = entries[identifiers.IndexOf(original.Value("identifier"))].Element(Atom + "link")!;
        Assert.EndsWith($"/api/v1/alerts/{raised.Id}/cap", link.Attribute("href")!.Value);
    }

    [Fact]
    public async Task Bad_input_is_refused_clearly()
    {
        await (await Supervisor.GetAsync("/api/v1/alerts/999999999/cap")).AssertProblem(HttpStatusCode.NotFound);
        await (await Supervisor.GetAsync("/api/v1/alerts/abc/cap")).AssertProblem(HttpStatusCode.NotFound);
        var problem = await (await Supervisor.GetAsync("/api/v1/cap/alerts.atom?limit=0")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("limit"));
        await (await CallTaker.GetAsync("/api/v1/cap/alerts.atom")).AssertProblem(HttpStatusCode.Forbidden);
    }
}
