using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>A person's budget of 5 requests at once (1 a second after), and 3 sign-in attempts per address a minute.</summary>
public sealed class TightLimitsFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>
    {
        ["RateLimits:PermitsPerMinute"] = "60",
        ["RateLimits:Burst"] = "5",
        ["RateLimits:LoginAttemptsPerAddressPerMinute"] = "3",
    };
}

public sealed class LimitsTests(TightLimitsFixture fixture) : IClassFixture<TightLimitsFixture>
{
    private static async Task Exhaust(HttpClient client)
    {
        var refused = false;
        for (var i = 0; i < 20 && !refused; i++)
            refused = (await client.GetAsync("/api/v1/opds")).StatusCode == HttpStatusCode.TooManyRequests;
        Assert.True(refused, "the budget was never used up");
    }

    private static async Task AssertNotLimited(Task<HttpResponseMessage> request, HttpStatusCode expected)
    {
        var response = await request;
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Calls_classification_and_every_ticket_command_pass_when_the_person_has_used_up_their_budget()
    {
        var callTaker = fixture.ClientAs("calltaker");
        var damkar = fixture.ClientAs("opd", "damkar");
        var supervisor = fixture.ClientAs("supervisor");
        await Exhaust(callTaker);
        await Exhaust(damkar);
        await Exhaust(supervisor);

        var call = await (await callTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = "+6281377712345" })).AssertJson(HttpStatusCode.Created);
        await AssertNotLimited(callTaker.PostAsJsonAsync($"/api/v1/calls/{call.GetProperty("id").GetString()}/classify",
            new { classification = "emergency", ticket = TicketRequests.FireBody() }), HttpStatusCode.OK);
        var ticket = await (await callTaker.PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody())).AssertJson(HttpStatusCode.Created);
        await AssertNotLimited(callTaker.CommandAsync(ticket, "escalate"), HttpStatusCode.OK);
        await AssertNotLimited(damkar.CommandAsync(ticket, "acknowledge"), HttpStatusCode.OK);
        await AssertNotLimited(damkar.CommandAsync(ticket, "on-scene"), HttpStatusCode.OK);
        await AssertNotLimited(damkar.CommandAsync(ticket, "notes", new { text = "Api padam" }), HttpStatusCode.Created);
        await AssertNotLimited(damkar.CommandAsync(ticket, "resolve", new { note = "Selesai" }), HttpStatusCode.OK);
        await AssertNotLimited(supervisor.CommandAsync(ticket, "reopen", new { reason = "Api menyala lagi" }), HttpStatusCode.OK);
        await AssertNotLimited(supervisor.CommandAsync(ticket, "acknowledge"), HttpStatusCode.OK);
        await AssertNotLimited(supervisor.CommandAsync(ticket, "on-scene"), HttpStatusCode.OK);
        await AssertNotLimited(supervisor.CommandAsync(ticket, "resolve", new { note = "Padam" }), HttpStatusCode.OK);
        await AssertNotLimited(callTaker.CommandAsync(ticket, "close"), HttpStatusCode.OK);
        var other = await (await callTaker.PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody())).AssertJson(HttpStatusCode.Created);
        await AssertNotLimited(callTaker.CommandAsync(other, "escalate"), HttpStatusCode.OK);
        await AssertNotLimited(damkar.CommandAsync(other, "reject", new { reason = "Bukan wilayah kami" }), HttpStatusCode.OK);
        await AssertNotLimited(callTaker.CommandAsync(other, "cancel", new { reason = "Duplikat" }), HttpStatusCode.OK);

        // Reading is still limited.
        await Exhaust(callTaker);
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address()
    {
        var client = Infrastructure.Accounts.Anonymous(fixture.Api);
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
            statuses.Add(await client.PostAsJsonAsync("/api/v1/auth/login", new { username = $"someone{i}", password = "wrong-password" }));
        Assert.All(statuses.Take(3), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        await statuses[3].AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.True(statuses[3].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }
}
