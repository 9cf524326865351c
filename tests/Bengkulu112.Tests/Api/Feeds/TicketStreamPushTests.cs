using Bengkulu112.Tests.Api.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>The ticket feed is pushed: the ticket grains ring API nodes over the Orleans feed stream.</summary>
public sealed class TicketStreamPushTests(PushOnlyFeedsApiFixture fixture) : IClassFixture<PushOnlyFeedsApiFixture>
{
    [Fact]
    public async Task A_change_arrives_within_seconds_although_the_feed_would_only_poll_each_minute()
    {
        await using var feed = await SseStream.OpenAsync(fixture.ClientAs("supervisor"), "/api/v1/stream/tickets");

        var ticket = await fixture.ClientAs("calltaker").CreateFireAsync();

        var change = await feed.NextEventAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ticket.Id(), change.Json.Str("ticket_id"));
    }
}
