using System.Net;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>`GET /stream/alerts`: alerts as they are raised, resumable from `Last-Event-ID`; supervisors only.</summary>
public sealed class AlertStreamTests(FeedsApiFixture fixture) : IClassFixture<FeedsApiFixture>
{
    private const string Path = "/api/v1/stream/alerts";
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    private Task<InsertedAlert> Raise(string deadline = "acknowledge") =>
        AlertRows.InsertAsync(fixture.ConnectionString, deadline: deadline);

    private static void AssertRaised(SseMessage message, InsertedAlert alert)
    {
        Assert.Equal("alert.raised", message.Event);
        Assert.Equal(alert.Id, message.EventId);
        var data = message.Json;
        Assert.Equal(alert.Id, data.GetProperty("id").GetInt64());
        Assert.Equal(alert.Kind, data.Str("kind"));
        Assert.Equal(alert.TicketId.ToString(), data.Str("ticket_id"));
        Assert.Equal(alert.TicketNumber, data.Str("ticket_number"));
        Assert.Equal(alert.Opd, data.Str("opd"));
        Assert.Equal(alert.Deadline, data.Str("deadline"));
        Assert.Equal(alert.DueAt, DateTimeOffset.Parse(data.Str("due_at")));
        Assert.Equal(alert.RaisedAt, DateTimeOffset.Parse(data.Str("raised_at")));
        Assert.True(data.TryGetProperty("acknowledged_by", out _));
        Assert.True(data.TryGetProperty("acknowledged_at", out _));
    }

    [Fact]
    public async Task Alerts_arrive_live_and_a_reconnect_replays_the_missed_ones_in_order()
    {
        var before = await Raise();
        InsertedAlert live;
        await using (var feed = await SseStream.OpenAsync(Supervisor, Path))
        {
            live = await Raise("on_scene");
            AssertRaised(await feed.NextEventAsync(), live); // not `before`: no Last-Event-ID means from now
        }

        var missed = new[] { await Raise("resolve"), await Raise("acknowledge") };

        await using (var feed = await SseStream.OpenAsync(Supervisor, Path, lastEventId: live.Id))
        {
            AssertRaised(await feed.NextEventAsync(), missed[0]);
            AssertRaised(await feed.NextEventAsync(), missed[1]);
            var next = await Raise();
            AssertRaised(await feed.NextEventAsync(), next);
            var marker = await Raise(); // nothing more (no repeat of `next`) comes before an alert raised now
            AssertRaised(await feed.NextEventAsync(), marker);
        }

        await using (var feed = await SseStream.OpenAsync(Supervisor, Path, lastEventId: before.Id))
            AssertRaised(await feed.NextEventAsync(), live);
    }

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    [InlineData("admin", null)]
    public async Task Only_supervisors_may_follow_alerts(string role, string? opd)
    {
        await (await fixture.ClientAs(role, opd).GetAsync(Path)).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_malformed_Last_Event_ID_is_400_naming_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "yesterday");
        var problem = await (await Supervisor.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("Last-Event-ID"));
    }
}
