using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>An API host with a small rate limit, so a misbehaving client hits it within a test.</summary>
public sealed class SmallRateLimitFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>
    {
        ["RateLimits:PermitsPerMinute"] = "60",
        ["RateLimits:Burst"] = "5",
    };
}

public sealed class AbuseTests(SmallRateLimitFixture fixture) : IClassFixture<SmallRateLimitFixture>
{
    [Fact]
    public async Task A_client_asking_too_fast_gets_429_with_Retry_After_and_others_are_not_affected()
    {
        var greedy = fixture.ClientAs("admin");
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
            responses.Add(await greedy.GetAsync("/api/v1/opds"));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        await refused[0].AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.True(refused[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        // Another token has its own budget.
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds")).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Recording_calls_is_never_limited_and_a_flooding_number_is_flagged_not_refused()
    {
        var telephony = fixture.ClientAs("calltaker");
        var number = "+62812" + Random.Shared.Next(1000000, 9999999);
        var statuses = new List<HttpStatusCode>();
        System.Text.Json.JsonElement last = default;
        for (var i = 0; i < 12; i++)
        {
            var response = await telephony.PostAsJsonAsync("/api/v1/calls", new { caller_number = number });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Created)
                last = await response.AssertJson(HttpStatusCode.Created);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var screening = last.GetProperty("screening");
        Assert.True(screening.GetProperty("flagged").GetBoolean());
        Assert.Contains("flooding", screening.GetProperty("flag_reason").GetString());
        Assert.Equal(11, screening.GetProperty("prior_calls").GetInt32());
    }

    [Fact]
    public async Task The_page_s_files_are_never_limited_so_reloading_boards_leave_the_address_its_refresh_budget()
    {
        // A center's boards share one public address: 30 file loads (more than the burst of 5) all answer, and the
        // address may still refresh a session — answered on its merits (no cookie: 401), not refused as too many.
        var anonymous = fixture.ClientAs(null);
        for (var i = 0; i < 30; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(i % 2 == 0 ? "/js/app.js" : "/")).StatusCode);

        var refresh = await anonymous.PostAsync("/api/v1/auth/refresh", null);
        await refresh.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_problem()
    {
        var body = new StringContent("{\"text\":\"" + new string('x', 70 * 1024) + "\"}", Encoding.UTF8, "application/json");
        var response = await fixture.ClientAs("supervisor").PostAsync($"/api/v1/tickets/{Guid.NewGuid()}/notes", body);
        await response.AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }
}
