using System.Net;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>Tickets across a full cluster restart (own fixture: the restart would disturb other classes' tests).</summary>
public sealed class TicketDurabilityTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Tickets_their_timeline_and_the_list_survive_a_full_cluster_restart()
    {
        var callTaker = fixture.ClientAs("calltaker");
        var ticket = await callTaker.CreateFireAsync();
        var escalated = await callTaker.CommandAsync(ticket, "escalate").OkAsync();

        await fixture.Silos.RestartAllAsync(fixture.ConnectionString);

        var supervisor = fixture.ClientAs("supervisor");
        // The API client finds the new silos' gateways within seconds; until then requests may answer 503.
        var after = await (await Eventually.Within(TimeSpan.FromSeconds(60),
            () => supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}"), r => r.StatusCode == HttpStatusCode.OK)).AssertJson(HttpStatusCode.OK);
        Assert.Equal(escalated.Version(), after.Version());
        Assert.Equal("escalated", after.Str("status"));
        Assert.Equal(escalated.Str("number"), after.Str("number"));
        var listed = await supervisor.GetAsync($"/api/v1/tickets?q={ticket.Str("number")}").OkAsync();
        Assert.Equal(ticket.Id(), Assert.Single(listed.GetProperty("items").EnumerateArray()).Id());

        // Numbering goes on after the restart without repeating a number.
        var next = await callTaker.CreateFireAsync();
        Assert.NotEqual(ticket.Str("number"), next.Str("number"));
        Assert.Equal("acknowledged", (await fixture.ClientAs("opd", "damkar").CommandAsync(ticket, "acknowledge").OkAsync()).Str("status"));
    }
}
