using System.Net;
using System.Net.Http.Headers;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>
/// Live feeds are bounded: a person holds at most a few open on a node, and a `Last-Event-ID` cannot ask the node to
/// replay an unbounded history.
/// </summary>
public sealed class FeedLimitTests(FeedLimitTests.LimitedFeedsFixture fixture) : IClassFixture<FeedLimitTests.LimitedFeedsFixture>
{
    public const int PerPerson = 2;
    public const int MaxReplay = 3;

    public sealed class LimitedFeedsFixture : ApiFixture
    {
        protected override bool OverSockets => true;

        protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
        {
            ["Feeds:HeartbeatInterval"] = "00:00:01",
            ["Feeds:MaxFeedsPerPerson"] = PerPerson.ToString(),
            ["Feeds:MaxReplayEvents"] = MaxReplay.ToString(),
        };
    }

    private HttpClient Person(string subject)
    {
        var client = fixture.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", fixture.Tokens.ForSubject(subject, "supervisor"));
        return client;
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is { } id)
            request.Headers.Add("Last-Event-ID", id.ToString());
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    [Theory]
    [InlineData("/api/v1/stream/tickets")]
    [InlineData("/api/v1/stream/alerts")]
    public async Task A_person_beyond_their_feeds_gets_429_and_a_slot_comes_back_when_a_feed_closes(string path)
    {
        var subject = "feeds-" + Guid.NewGuid().ToString("N")[..8];
        var client = Person(subject);
        var open = new List<HttpResponseMessage>();
        for (var i = 0; i < PerPerson; i++)
        {
            open.Add(await OpenAsync(client, path));
            Assert.Equal(HttpStatusCode.OK, open[^1].StatusCode);
        }

        using var refused = await OpenAsync(client, path);
        var problem = await refused.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.EndsWith("too-many-feeds", problem.GetProperty("type").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        using (var colleague = await OpenAsync(Person(subject + "-colleague"), path))
            Assert.Equal(HttpStatusCode.OK, colleague.StatusCode); // the limit is per person

        open[0].Dispose(); // the client goes away: its slot is freed when the server notices
        using var again = await Eventually.Within(TimeSpan.FromSeconds(15), () => OpenAsync(client, path),
            r => r.StatusCode == HttpStatusCode.OK);
        foreach (var response in open.Skip(1))
            response.Dispose();
    }

    [Fact]
    public async Task A_replay_longer_than_the_cap_is_refused_with_410_and_one_within_it_is_served()
    {
        var callTaker = fixture.ClientAs("calltaker");
        await callTaker.CreateFireAsync(); // at least one event before the range asked for
        var from = await LatestEventIdAsync();
        for (var i = 0; i < MaxReplay + 2; i++)
            await callTaker.CreateFireAsync();
        var latest = await LatestEventIdAsync();
        Assert.True(latest - from > MaxReplay);

        using var tooLong = await OpenAsync(Person("replayer-a"), "/api/v1/stream/tickets", from);
        var problem = await tooLong.AssertProblem(HttpStatusCode.Gone);
        Assert.EndsWith("replay-too-long", problem.GetProperty("type").GetString());

        await using var within = await SseStream.OpenAsync(Person("replayer-b"), "/api/v1/stream/tickets", latest - MaxReplay);
        var replayed = await within.NextEventsAsync(MaxReplay);
        Assert.Equal(latest, replayed[^1].EventId);
    }

    private async Task<long> LatestEventIdAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT COALESCE(MAX(id), 0) FROM ticket_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
