using Bengkulu112.Common;
using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using InProcessTestCluster = Orleans.TestingHost.InProcessTestCluster;
using TestCluster = Bengkulu112.Tests.Infrastructure.TestCluster;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>
/// Escalation timers and SLA deadlines with second-scale routing, on silos that are killed and restarted: every breach
/// raises its alerts exactly once, on time while the ticket is active, and still after failures.
/// </summary>
public sealed class TicketClockTests
{
    private static readonly Actor CallTaker = new("test-calltaker", "calltaker", null);
    private static readonly Actor Damkar = new("test-damkar", "opd", "damkar");
    private static readonly Actor Bpbd = new("test-bpbd", "opd", "bpbd");

    private static void FastBackstop(ISiloBuilder silo) =>
        silo.Services.Configure<TicketClockOptions>(o => o.BackstopPeriod = TimeSpan.FromSeconds(2));

    private static async Task<InProcessTestCluster> StartAsync(string database, short silos = 2) =>
        await TestCluster.StartAsync(database, silos, FastBackstop);

    /// <summary>Animal reports acknowledge within <paramref name="acknowledge"/>; the later steps are far away.</summary>
    private static async Task SetAcknowledgeDeadline(IGrainFactory grains, TimeSpan acknowledge)
    {
        var rule = new RoutingRule("animal", Priority.P2, "damkar", [], new SlaDeadlines(acknowledge, TimeSpan.FromHours(1), TimeSpan.FromHours(2)));
        var result = await grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).Put(rule, "test-admin");
        Assert.True(result.Errors is null || result.Errors.IsEmpty);
    }

    private static async Task<ITicketGrain> OpenAndEscalate(IGrainFactory grains)
    {
        var ticket = grains.GetGrain<ITicketGrain>(Guid.NewGuid());
        var draft = new TicketDraft("animal", "Ular sanca di dapur warga", new Location("Jl. Kinibalu 7", null, null, null, null), null, null, [], null);
        Assert.Null((await ticket.Open(draft, CallTaker, "test")).Failure);
        Assert.Null((await ticket.Apply(new TicketCommand(TicketTransition.Escalate, null, null, null), CallTaker)).Failure);
        return ticket;
    }

    private static async Task<List<(string Kind, string Deadline)>> Alerts(string database, Guid ticket)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT kind, deadline FROM alerts WHERE ticket_id = $1 ORDER BY id", connection);
        command.Parameters.AddWithValue(ticket);
        var alerts = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            alerts.Add((reader.GetString(0), reader.GetString(1)));
        return alerts;
    }

    private static readonly (string, string)[] AcknowledgeBreach = [("sla.breached", "acknowledge"), ("escalation.overdue", "acknowledge")];

    [Fact]
    public async Task An_unacknowledged_ticket_breaches_once_within_a_second_of_its_deadline()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clock");
        await using var cluster = await StartAsync(database);
        await SetAcknowledgeDeadline(cluster.Client, TimeSpan.FromSeconds(2));
        var ticket = await OpenAndEscalate(cluster.Client);

        var breached = await Eventually.Within(TimeSpan.FromSeconds(10), async () => (await ticket.Get(CallTaker)).Ticket!,
            t => t.Breaches.Count > 0);
        var breach = Assert.Single(breached.Breaches);
        Assert.Equal("acknowledge", breach.Deadline);
        var late = breach.BreachedAt - breached.Deadlines!.Acknowledge;
        Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(5)); // several reminder ticks later: still once
        Assert.Equal(AcknowledgeBreach, await Alerts(database, ticket.GetPrimaryKey()));
        var timeline = (await ticket.GetTimeline(CallTaker, 0, 500)).Entries!;
        Assert.Single(timeline, e => e.Kind == TimelineKinds.Renotified);
        Assert.Single(timeline, e => e.Kind == TimelineKinds.SlaBreached);
        Assert.Single((await ticket.Get(CallTaker)).Ticket!.Breaches);
    }

    [Fact]
    public async Task A_deadline_met_raises_nothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockmet");
        await using var cluster = await StartAsync(database);
        await SetAcknowledgeDeadline(cluster.Client, TimeSpan.FromSeconds(2));
        var ticket = await OpenAndEscalate(cluster.Client);
        Assert.Null((await ticket.Apply(new TicketCommand(TicketTransition.Acknowledge, null, null, null), Damkar)).Failure);

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(await Alerts(database, ticket.GetPrimaryKey()));
        Assert.Empty((await ticket.Get(CallTaker)).Ticket!.Breaches);
    }

    [Fact]
    public async Task The_backup_OPD_is_offered_an_overdue_ticket_and_may_take_it_over()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockbackup");
        await using var cluster = await StartAsync(database);
        await cluster.Client.GetGrain<IOpdGrain>("damkar").Put(
            new OpdDefinition("Dinas Pemadam Kebakaran dan Penyelamatan", ["fire", "animal", "wasp_nest"], "bpbd", true), "test-admin");
        await SetAcknowledgeDeadline(cluster.Client, TimeSpan.FromSeconds(1));
        var ticket = await OpenAndEscalate(cluster.Client);
        Assert.Equal(TicketFailureKind.NotFound, (await ticket.Get(Bpbd)).Failure?.Kind);

        var offered = await Eventually.Within(TimeSpan.FromSeconds(10), async () => (await ticket.Get(CallTaker)).Ticket!,
            t => t.SupportingOpds.Contains("bpbd"));
        Assert.Equal("damkar", offered.Opd);

        var taken = await ticket.Apply(new TicketCommand(TicketTransition.Acknowledge, null, "Tim BPBD menuju lokasi", null), Bpbd);
        Assert.Null(taken.Failure);
        Assert.Equal("bpbd", taken.Ticket!.Opd);
        Assert.Contains("damkar", taken.Ticket.SupportingOpds);
        Assert.Equal(TicketStatus.Acknowledged, taken.Ticket.Status);
    }

    [Fact]
    public async Task The_alert_still_comes_once_after_the_silo_holding_the_ticket_is_killed()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockkill");
        await using var cluster = await StartAsync(database, silos: 3);
        await SetAcknowledgeDeadline(cluster.Client, TimeSpan.FromSeconds(4));
        var ticket = await OpenAndEscalate(cluster.Client);

        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.Single(s => s.GrainId == ticket.GetGrainId()).SiloAddress;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        await Eventually.Within(TimeSpan.FromSeconds(60), () => Alerts(database, ticket.GetPrimaryKey()), a => a.Count >= 2);
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(AcknowledgeBreach, await Alerts(database, ticket.GetPrimaryKey()));
        Assert.Single((await ticket.Get(CallTaker)).Ticket!.Breaches);
    }

    [Fact]
    public async Task A_deadline_passing_while_the_cluster_is_down_raises_its_alert_once_when_it_is_back()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockdown");
        Guid id;
        await using (var first = await StartAsync(database))
        {
            await SetAcknowledgeDeadline(first.Client, TimeSpan.FromSeconds(3));
            id = (await OpenAndEscalate(first.Client)).GetPrimaryKey();
        }
        await Task.Delay(TimeSpan.FromSeconds(4)); // the deadline passes with no silo up
        Assert.Empty(await Alerts(database, id));

        await using var second = await StartAsync(database, silos: 1);
        await Eventually.Within(TimeSpan.FromSeconds(30), () => Alerts(database, id), a => a.Count >= 2);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(AcknowledgeBreach, await Alerts(database, id));
        var ticket = (await second.Client.GetGrain<ITicketGrain>(id).Get(CallTaker)).Ticket!;
        Assert.Equal("acknowledge", Assert.Single(ticket.Breaches).Deadline);
    }
}
