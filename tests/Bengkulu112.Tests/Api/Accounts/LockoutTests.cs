using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.Accounts;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>SPEC.md §5: five failed sign-ins within 15 minutes lock the username for 15 minutes, known or not.</summary>
public sealed class LockoutTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static async Task<HttpResponseMessage> Login(HttpClient client, string username, string password) =>
        await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });

    [Fact]
    public async Task Five_failures_lock_a_username_and_even_the_right_password_then_gets_429_with_Retry_After()
    {
        var username = NewUsername("joko");
        var password = await CreateAsync(fixture.Api, username, "calltaker");
        var client = Anonymous(fixture.Api);
        for (var i = 0; i < 5; i++)
            await (await Login(client, username, "wrong-password-" + i)).AssertProblem(HttpStatusCode.Unauthorized);

        var locked = await Login(client, username, password);
        var problem = await locked.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.EndsWith("locked-out", problem.GetProperty("type").GetString());
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var audit = await (await fixture.ClientAs("admin").GetAsync($"/api/v1/audit?subject=user:{username}")).AssertJson(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "auth.sign_in_locked");
    }

    [Fact]
    public async Task An_unknown_username_is_locked_the_same_way_so_nothing_tells_which_exist()
    {
        var client = Anonymous(fixture.Api);
        var unknown = NewUsername("nobody");
        for (var i = 0; i < 5; i++)
            await (await Login(client, unknown, "wrong-password")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Login(client, unknown, "wrong-password")).AssertProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_lock_lasts_15_minutes_and_failures_spread_over_more_than_15_minutes_do_not_lock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var api = fixture.Api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        // Four failures, then 16 minutes later a fifth: not five within 15 minutes.
        var spread = NewUsername("spread");
        var spreadPassword = await CreateAsync(fixture.Api, spread, "calltaker");
        for (var i = 0; i < 4; i++)
            await (await Login(client, spread, "wrong-password")).AssertProblem(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromMinutes(16));
        await (await Login(client, spread, "wrong-password")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Login(client, spread, spreadPassword)).AssertJson(HttpStatusCode.OK);

        // Five failures within four minutes lock for 15 minutes from the fifth.
        var username = NewUsername("locked");
        var password = await CreateAsync(fixture.Api, username, "calltaker");
        for (var i = 0; i < 5; i++)
        {
            await (await Login(client, username, "wrong-password")).AssertProblem(HttpStatusCode.Unauthorized);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        clock.Advance(TimeSpan.FromMinutes(13)); // 14 minutes after the fifth failure
        var stillLocked = await Login(client, username, password);
        await stillLocked.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.InRange(stillLocked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1)); // 15 minutes after it
        await (await Login(client, username, password)).AssertJson(HttpStatusCode.OK);
    }
}
