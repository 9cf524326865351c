using System.Net;
using System.Text.Json;
using Bengkulu112.Opds;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.TicketChangePublisher;

namespace Bengkulu112.Tests.Api;

/// <summary>The OPD's open-ticket list, fed by ticket changes on the OPD streams and read over HTTP.</summary>
public sealed class OpdTicketsApiTests(OpdTicketsApiTests.StreamOnlyFixture fixture)
    : IClassFixture<OpdTicketsApiTests.StreamOnlyFixture>
{
    /// <summary>
    /// These tests drive the lists by stream messages alone, without ticket rows: an OPD grain reconciling with the
    /// (empty) tickets table would clear them, so it does not within a test run. Reconciling has tests of its own.
    /// </summary>
    public sealed class StreamOnlyFixture : ApiFixture
    {
        protected override void ConfigureSilo(ISiloBuilder silo) =>
            silo.Services.Configure<OpdTicketOptions>(o => o.ReconcilePeriod = TimeSpan.FromHours(1));
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static int numbers;

    private TicketChangePublisher Publisher => new(fixture.Silos.Hosts[^1].Services);

    private static string NextNumber() => $"BKL-2026-{Interlocked.Increment(ref numbers):D6}";

    /// <summary>A fresh OPD per test where the exact count matters, since the fixture is shared.</summary>
    private async Task<string> NewOpd()
    {
        var code = "opd_" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Silos.GrainFactory.GetGrain<IOpdGrain>(code)
            .Put(new OpdDefinition("Test OPD " + code, ["fire"], null, true), "test");
        return code;
    }

    private async Task<List<JsonElement>> Tickets(string opd, string role = "supervisor")
    {
        var page = await (await fixture.ClientAs(role, role == "opd" ? opd : null).GetAsync($"/api/v1/opds/{opd}/tickets"))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private Task<List<JsonElement>> TicketsWhen(string opd, Func<List<JsonElement>, bool> done) =>
        Eventually.Within(Patience, () => Tickets(opd), done);

    private static JsonElement? Find(List<JsonElement> items, Guid ticket) =>
        items.Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("ticket_id").GetGuid() == ticket);

    private async Task<int> OpenTickets(string opd) =>
        (await (await fixture.ClientAs("calltaker").GetAsync($"/api/v1/opds/{opd}")).AssertJson(HttpStatusCode.OK))
        .GetProperty("open_tickets").GetInt32();

    [Fact]
    public async Task An_escalated_ticket_appears_for_the_primary_and_the_supporting_OPD()
    {
        var ticket = Guid.NewGuid();
        var number = NextNumber();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        await Publisher.PublishAsync(Change(ticket, number, TicketStatus.Escalated, 2, "damkar", ["dinkes"], deadline));

        var damkar = Find(await TicketsWhen("damkar", items => Find(items, ticket) is not null), ticket)!.Value;
        Assert.Equal(number, damkar.GetProperty("number").GetString());
        Assert.Equal("escalated", damkar.GetProperty("status").GetString());
        Assert.Equal("fire", damkar.GetProperty("category").GetString());
        Assert.Equal("P1", damkar.GetProperty("priority").GetString());
        Assert.Equal("primary", damkar.GetProperty("role").GetString());
        Assert.Equal(2, damkar.GetProperty("version").GetInt32());
        Assert.Equal(deadline.ToUnixTimeSeconds(), damkar.GetProperty("next_deadline").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.EndsWith("Z", damkar.GetProperty("updated_at").GetString());

        var dinkes = Find(await Eventually.Within(Patience, () => Tickets("dinkes", "opd"), items => Find(items, ticket) is not null), ticket)!.Value;
        Assert.Equal("supporting", dinkes.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Open_tickets_counts_the_list_and_an_older_version_after_a_newer_one_is_ignored()
    {
        var opd = await NewOpd();
        var ticket = Guid.NewGuid();
        var number = NextNumber();
        await Publisher.PublishAsync(Change(ticket, number, TicketStatus.Acknowledged, 3, opd));
        await Publisher.PublishAsync(Change(ticket, number, TicketStatus.Escalated, 2, opd));
        await Publisher.PublishAsync(Change(Guid.NewGuid(), NextNumber(), TicketStatus.OnScene, 5, opd));

        await TicketsWhen(opd, items => items.Count == 2);
        Assert.Equal(2, await OpenTickets(opd));
        var listed = Find(await Tickets(opd), ticket)!.Value;
        Assert.Equal("acknowledged", listed.GetProperty("status").GetString());
        Assert.Equal(3, listed.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Open)]
    public async Task Closing_cancelling_or_rejecting_takes_the_ticket_off_the_list(TicketStatus status)
    {
        var opd = await NewOpd();
        var ticket = Guid.NewGuid();
        var number = NextNumber();
        await Publisher.PublishAsync(Change(ticket, number, TicketStatus.Resolved, 5, opd));
        await TicketsWhen(opd, items => items.Count == 1);

        await Publisher.PublishAsync(Change(ticket, number, status, 6, opd));

        await TicketsWhen(opd, items => items.Count == 0);
        Assert.Equal(0, await OpenTickets(opd));
    }

    [Fact]
    public async Task The_list_is_sorted_by_next_deadline_with_none_last()
    {
        var opd = await NewOpd();
        var now = DateTimeOffset.UtcNow;
        var (late, none, soon) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Publisher.PublishAsync(Change(late, NextNumber(), TicketStatus.Acknowledged, 3, opd, nextDeadline: now.AddHours(4)));
        await Publisher.PublishAsync(Change(none, NextNumber(), TicketStatus.Resolved, 6, opd, nextDeadline: null));
        await Publisher.PublishAsync(Change(soon, NextNumber(), TicketStatus.Escalated, 2, opd, nextDeadline: now.AddMinutes(2)));

        var items = await TicketsWhen(opd, i => i.Count == 3);

        Assert.Equal([soon, late, none], items.Select(i => i.GetProperty("ticket_id").GetGuid()));
    }

    [Fact]
    public async Task A_change_for_an_OPD_that_does_not_exist_creates_nothing()
    {
        // The same change also goes to an OPD that exists, after the missing one: once it is listed there, the change
        // has been delivered and acted on.
        var witness = await NewOpd();
        var ticket = Guid.NewGuid();
        await Publisher.PublishAsync(Change(ticket, NextNumber(), TicketStatus.Escalated, 2, "ghostopd", [witness]));
        await TicketsWhen(witness, items => Find(items, ticket) is not null);

        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds/ghostopd")).AssertProblem(HttpStatusCode.NotFound);
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds/ghostopd/tickets")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("opd", "dinkes")]
    [InlineData("calltaker", null)]
    [InlineData("admin", null)]
    public async Task Other_OPDs_and_roles_are_refused_with_403(string role, string? opd)
    {
        await (await fixture.ClientAs(role, opd).GetAsync("/api/v1/opds/damkar/tickets")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_OPDs_own_user_reads_its_list_and_an_unknown_OPD_is_a_404_for_a_supervisor()
    {
        await (await fixture.ClientAs("opd", "pmi").GetAsync("/api/v1/opds/pmi/tickets")).AssertJson(HttpStatusCode.OK);
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds/nosuchopd/tickets")).AssertProblem(HttpStatusCode.NotFound);
        await (await fixture.ClientAs(null).GetAsync("/api/v1/opds/pmi/tickets")).AssertProblem(HttpStatusCode.Unauthorized);
    }
}
