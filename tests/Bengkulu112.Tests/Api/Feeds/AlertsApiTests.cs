using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>`GET /alerts` and `POST /alerts/{id}/acknowledge`: supervisors list and acknowledge stored alerts.</summary>
public sealed class AlertsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    private Task<InsertedAlert> Raise(string kind = "sla.breached", string deadline = "acknowledge", string opd = "damkar") =>
        AlertRows.InsertAsync(fixture.ConnectionString, kind, deadline, opd);

    private async Task<JsonElement> Page(string query) => await Supervisor.GetAsync("/api/v1/alerts" + query).OkAsync();

    private static List<long> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64())];

    [Fact]
    public async Task An_alert_is_listed_with_every_field_of_the_contract()
    {
        var raised = await Raise("escalation.overdue", "on_scene", "bpbd");

        var alert = (await Page("?status=open")).GetProperty("items").EnumerateArray().First();

        Assert.Equal(JsonValueKind.Number, alert.GetProperty("id").ValueKind);
        Assert.Equal(raised.Id, alert.GetProperty("id").GetInt64());
        Assert.Equal("escalation.overdue", alert.Str("kind"));
        Assert.Equal(raised.TicketId.ToString(), alert.Str("ticket_id"));
        Assert.Equal(raised.TicketNumber, alert.Str("ticket_number"));
        Assert.Equal("bpbd", alert.Str("opd"));
        Assert.Equal("on_scene", alert.Str("deadline"));
        Assert.Equal(raised.DueAt, DateTimeOffset.Parse(alert.Str("due_at")));
        Assert.EndsWith("Z", alert.Str("raised_at"));
        Assert.Equal(raised.RaisedAt, DateTimeOffset.Parse(alert.Str("raised_at")));
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("acknowledged_by").ValueKind);
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("acknowledged_at").ValueKind);
    }

    [Fact]
    public async Task Acknowledging_records_the_supervisor_and_the_time_and_a_repeat_keeps_the_first()
    {
        var raised = await Raise();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var first = await Supervisor.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null).OkAsync();
        Assert.Equal(raised.Id, first.GetProperty("id").GetInt64());
        Assert.Equal("test-supervisor", first.Str("acknowledged_by"));
        var at = DateTimeOffset.Parse(first.Str("acknowledged_at"));
        Assert.InRange(at, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.EndsWith("Z", first.Str("acknowledged_at"));

        // The repeat comes at a later instant: a repeat that recorded its own time would show.
        await Eventually.Within(TimeSpan.FromSeconds(5), () => Task.FromResult(DateTimeOffset.UtcNow), now => now > at.AddMilliseconds(2));
        var again = await Supervisor.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null).OkAsync();
        Assert.Equal(first.ToString(), again.ToString());

        Assert.Contains(raised.Id, Ids(await Page("?status=acknowledged&limit=500")));
        Assert.DoesNotContain(raised.Id, Ids(await Page("?status=open&limit=500")));
        Assert.Contains(raised.Id, Ids(await Page("?limit=500")));
    }

    [Fact]
    public async Task The_status_filter_separates_open_from_acknowledged_alerts()
    {
        var open = await Raise();
        var done = await Raise();
        await Supervisor.PostAsync($"/api/v1/alerts/{done.Id}/acknowledge", null).OkAsync();

        var openIds = Ids(await Page("?status=open&limit=500"));
        var acknowledgedIds = Ids(await Page("?status=acknowledged&limit=500"));

        Assert.Contains(open.Id, openIds);
        Assert.DoesNotContain(done.Id, openIds);
        Assert.Contains(done.Id, acknowledgedIds);
        Assert.DoesNotContain(open.Id, acknowledgedIds);
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("not-a-number")]
    public async Task Acknowledging_an_unknown_alert_is_404(string id)
    {
        var response = await Supervisor.PostAsync($"/api/v1/alerts/{id}/acknowledge", null);
        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    [InlineData("admin", null)]
    public async Task Only_supervisors_see_and_acknowledge_alerts(string role, string? opd)
    {
        var raised = await Raise();
        var client = fixture.ClientAs(role, opd);

        await (await client.GetAsync("/api/v1/alerts")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs(null).GetAsync("/api/v1/alerts")).AssertProblem(HttpStatusCode.Unauthorized);

        var stored = (await Page("?limit=500")).GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == raised.Id);
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("acknowledged_at").ValueKind);
    }

    [Fact]
    public async Task Pages_run_newest_first_and_follow_the_cursor_without_gaps_or_repeats()
    {
        var raised = new List<long>();
        for (var i = 0; i < 5; i++)
            raised.Add((await Raise()).Id);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Page("?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            var ids = Ids(page);
            Assert.InRange(ids.Count, 1, 2);
            seen.AddRange(ids);
            cursor = page.GetProperty("next_cursor").GetString();
            Assert.True(++pages < 100, "the cursor never ends");
        } while (cursor is not null);

        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(Ids(await Page("?limit=500")), seen);
        Assert.Equal(Enumerable.Reverse(raised), seen.Take(5));
    }

    [Theory]
    [InlineData("?status=closed", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("?cursor=%25%25", "cursor")]
    public async Task Bad_query_parameters_are_400_naming_the_field(string query, string field)
    {
        var problem = await (await Supervisor.GetAsync("/api/v1/alerts" + query)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
