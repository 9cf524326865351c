using System.Net;
using System.Text.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>`GET /stream/tickets`: every committed ticket change, live, resumable from `Last-Event-ID` without gaps.</summary>
public sealed class TicketStreamTests(FeedsApiFixture fixture) : IClassFixture<FeedsApiFixture>
{
    private const string Path = "/api/v1/stream/tickets";
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");
    private HttpClient Damkar => fixture.ClientAs("opd", "damkar");

    /// <summary>Asserts a `ticket.changed` event describes <paramref name="ticket"/> as a command answered it.</summary>
    private static void AssertChange(SseMessage message, JsonElement ticket)
    {
        Assert.Equal("ticket.changed", message.Event);
        var data = message.Json;
        Assert.Equal(["ticket_id", "number", "status", "opd", "version", "at"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ticket.Str("id"), data.Str("ticket_id"));
        Assert.Equal(ticket.Str("number"), data.Str("number"));
        Assert.Equal(ticket.Str("status"), data.Str("status"));
        Assert.Equal(ticket.GetProperty("opd").ToString(), data.GetProperty("opd").ToString());
        Assert.Equal(ticket.Version(), data.Version());
        Assert.EndsWith("Z", data.Str("at"));
        var at = DateTimeOffset.Parse(data.Str("at"));
        Assert.InRange(at - DateTimeOffset.Parse(ticket.Str("updated_at")), TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1));
    }

    /// <summary>
    /// Nothing more comes before a change made now: the next event is that change. (Waiting for silence instead could
    /// pass with a feed that merely lags.) <paramref name="visible"/> makes a change the feed's reader may see.
    /// </summary>
    private async Task AssertNothingMoreBeforeANewChange(SseStream feed, Func<Task<JsonElement>>? visible = null)
    {
        var marker = await (visible ?? (() => CallTaker.CreateFireAsync()))();
        AssertChange(await feed.NextEventAsync(), marker);
    }

    private static void AssertIncreasing(IEnumerable<long> ids, long after = 0)
    {
        var last = after;
        foreach (var id in ids)
        {
            Assert.True(id > last, $"event id {id} does not follow {last}");
            last = id;
        }
    }

    [Fact]
    public async Task Changes_arrive_live_and_a_reconnect_with_Last_Event_ID_gets_exactly_the_missed_ones()
    {
        JsonElement ticket;
        long lastSeen;
        await using (var feed = await SseStream.OpenAsync(Supervisor, Path))
        {
            var created = await CallTaker.CreateFireAsync();
            ticket = await CallTaker.CommandAsync(created, "escalate").OkAsync();

            var live = await feed.NextEventsAsync(2);
            AssertChange(live[0], created);
            AssertChange(live[1], ticket);
            AssertIncreasing(live.Select(e => e.EventId));
            lastSeen = live[1].EventId;
        }

        var acknowledged = await Damkar.CommandAsync(ticket, "acknowledge").OkAsync();
        var onScene = await Damkar.CommandAsync(ticket, "on-scene").OkAsync();

        await using (var feed = await SseStream.OpenAsync(Supervisor, Path, lastEventId: lastSeen))
        {
            var missed = await feed.NextEventsAsync(2);
            AssertChange(missed[0], acknowledged);
            AssertChange(missed[1], onScene);
            AssertIncreasing(missed.Select(e => e.EventId), after: lastSeen);

            var resolved = await Damkar.CommandAsync(ticket, "resolve", new { note = "Api sudah padam" }).OkAsync();
            var next = await feed.NextEventAsync();
            AssertChange(next, resolved);
            Assert.True(next.EventId > missed[1].EventId);
            await AssertNothingMoreBeforeANewChange(feed);
        }
    }

    [Fact]
    public async Task The_last_event_id_query_parameter_resumes_like_the_header()
    {
        JsonElement created;
        long firstId;
        await using (var feed = await SseStream.OpenAsync(Supervisor, Path))
        {
            created = await CallTaker.CreateFireAsync();
            var first = await feed.NextEventAsync();
            AssertChange(first, created);
            firstId = first.EventId;
        }
        var escalated = await CallTaker.CommandAsync(created, "escalate").OkAsync();

        await using var resumed = await SseStream.OpenAsync(Supervisor, $"{Path}?last_event_id={firstId}");
        AssertChange(await resumed.NextEventAsync(), escalated);
        await AssertNothingMoreBeforeANewChange(resumed);
    }

    [Fact]
    public async Task Without_Last_Event_ID_the_stream_starts_from_now()
    {
        await CallTaker.CreateFireAsync();

        await using var feed = await SseStream.OpenAsync(Supervisor, Path);
        await AssertNothingMoreBeforeANewChange(feed); // the change made before the feed opened is not replayed
    }

    [Fact]
    public async Task An_OPD_user_sees_only_changes_of_tickets_its_OPD_leads_or_supports()
    {
        await using var feed = await SseStream.OpenAsync(fixture.ClientAs("opd", "dlh"), Path);

        var traffic = await CallTaker.CreateAsync(new { category = "traffic", description = "Lampu lalu lintas mati", location = new { address = "Simpang Lima" } });
        var tree = await CallTaker.CreateAsync(new { category = "fallen_tree", description = "Pohon tumbang menutup jalan", location = new { address = "Jl. Hibrida" } });
        await CallTaker.CommandAsync(traffic, "escalate").OkAsync();
        var treeEscalated = await CallTaker.CommandAsync(tree, "escalate").OkAsync();

        var seen = await feed.NextEventsAsync(2);
        AssertChange(seen[0], tree); // dlh supports fallen_tree tickets (bpbd leads)
        AssertChange(seen[1], treeEscalated);
        await AssertNothingMoreBeforeANewChange(feed, () => CallTaker.CreateAsync(
            new { category = "fallen_tree", description = "Dahan patah di atas jalan", location = new { address = "Jl. Hibrida" } }));
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeat_comments()
    {
        await using var feed = await SseStream.OpenAsync(Supervisor, Path);

        var message = await feed.NextAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("keep-alive", message.Comment);
        Assert.Null(message.Event);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_malformed_Last_Event_ID_is_400_naming_it(string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("Last-Event-ID", value);
        var problem = await (await Supervisor.SendAsync(request)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("Last-Event-ID"));

        var viaQuery = await (await Supervisor.GetAsync($"{Path}?last_event_id={Uri.EscapeDataString(value)}"))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(viaQuery.FieldErrors("last_event_id"));
    }

    [Fact]
    public async Task The_ticket_stream_needs_a_token()
    {
        await (await fixture.ClientAs(null).GetAsync(Path)).AssertProblem(HttpStatusCode.Unauthorized);
    }
}
