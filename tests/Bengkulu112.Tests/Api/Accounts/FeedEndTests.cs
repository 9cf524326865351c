using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Feeds;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.Accounts;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>API.md: live feeds end when their token expires, and when the session behind it ends (deactivation).</summary>
public sealed class FeedEndTests(FeedsApiFixture fixture) : IClassFixture<FeedsApiFixture>
{
    /// <summary>Reads the stream (heartbeats) until the server ends it; fails when it is still open after <paramref name="limit"/>.</summary>
    private static async Task AssertEndsWithin(SseStream stream, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await stream.NextAsync(deadline - DateTime.UtcNow);
            }
            catch (EndOfStreamException)
            {
                return;
            }
            catch (IOException)
            {
                return;
            }
        }
        Assert.Fail($"the feed was still open after {limit}");
    }

    [Fact]
    public async Task A_feed_ends_when_its_token_expires()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization =
            new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fixture.Tokens.For("supervisor", lifetime: TimeSpan.FromSeconds(3)));
        await using var stream = await SseStream.OpenAsync(client, "/api/v1/stream/alerts");
        var opened = DateTime.UtcNow;
        await AssertEndsWithin(stream, TimeSpan.FromSeconds(15));
        Assert.True(DateTime.UtcNow - opened >= TimeSpan.FromSeconds(1), "the feed ended before its token expired");
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_live_feed_at_once_and_it_cannot_be_reopened()
    {
        var person = await SignedInAsync(fixture.Api, "calltaker");
        await using var stream = await SseStream.OpenAsync(person.Client, "/api/v1/stream/tickets");
        Assert.NotNull(await stream.NextAsync()); // a heartbeat: the feed is live

        await (await fixture.ClientAs("admin").PatchAsJsonAsync($"/api/v1/users/{person.Username}", new { active = false }))
            .AssertJson(HttpStatusCode.OK);
        await AssertEndsWithin(stream, TimeSpan.FromSeconds(10));

        // The access token has minutes left, but its session is over: no new feed.
        var again = await person.Client.GetAsync("/api/v1/stream/tickets", HttpCompletionOption.ResponseHeadersRead);
        await again.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_the_feed_of_that_session()
    {
        var person = await SignedInAsync(fixture.Api, "supervisor");
        await using var stream = await SseStream.OpenAsync(person.Client, "/api/v1/stream/alerts");
        Assert.NotNull(await stream.NextAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await person.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        await AssertEndsWithin(stream, TimeSpan.FromSeconds(10));
    }
}
