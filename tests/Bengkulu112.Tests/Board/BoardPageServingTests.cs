using System.Net;
using Bengkulu112.Api.Board;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Board;

/// <summary>How the board's files are served: anonymously, under a self-only content policy, the API untouched.</summary>
public sealed class BoardPageServingTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_page_is_served_without_a_token_under_a_self_only_policy_while_the_API_still_needs_one()
    {
        using var anonymous = fixture.ClientAs(null);
        foreach (var path in new[] { "/", "/app.css", "/js/app.js" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("nosniff", string.Join(";", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(BoardPage.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        }
        Assert.Equal("text/html", (await anonymous.GetAsync("/")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/no-such-file.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        // No tile server by default: the page is told none, and its maps draw no tiles.
        var config = await (await anonymous.GetAsync("/api/v1/auth/config")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, config.GetProperty("map_tiles").ValueKind);
    }
}
