using Bengkulu112.Common;
using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
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

    /// <summary>
    /// Animal reports acknowledge within <paramref name="acknowledge"/> and reach the scene within <paramref name="onScene"/>
    /// (default: far away). A later deadline that passes is the positive event proving the clock kept acting (and its
    /// reminder kept ticking) after the one a test is about.
    /// </summary>
    private static async Task SetDeadlines(IGrainFactory grains, TimeSpan acknowledge, TimeSpan? onScene = null)
    {
        var rule = new RoutingRule("animal", Priority.P2, "damkar", [],
            new SlaDeadlines(acknowledge, onScene ?? TimeSpan.FromHours(1), TimeSpan.FromHours(2)));
        Assert.Null((await grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).Put(rule, "test-admin")).Failure);
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
    private static readonly (string, string)[] OnSceneBreach = [("sla.breached", "on_scene")];

    /// <summary>Waits until the on-scene deadline has raised its alert: the clock has acted again since.</summary>
    private static Task<List<(string Kind, string Deadline)>> AfterOnSceneBreach(string database, Guid ticket, int seconds = 30) =>
        Eventually.Within(TimeSpan.FromSeconds(seconds), () => Alerts(database, ticket), a => a.Contains(("sla.breached", "on_scene")));

    [Fact]
    public async Task An_unacknowledged_ticket_breaches_once_within_a_second_of_its_deadline()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clock");
        await using var cluster = await StartAsync(database);
        await SetDeadlines(cluster.Client, TimeSpan.FromSeconds(2), onScene: TimeSpan.FromSeconds(5));
        var ticket = await OpenAndEscalate(cluster.Client);

        var breached = await Eventually.Within(TimeSpan.FromSeconds(10), async () => (await ticket.Get(CallTaker)).Ticket!,
            t => t.Breaches.Count > 0);
        var breach = breached.Breaches[0];
        Assert.Equal("acknowledge", breach.Deadline);
        var late = breach.BreachedAt - breached.Deadlines!.Acknowledge;
        Assert.InRange(late, TimeSpan.Zero, TimeSpan.FromSeconds(1));

        // Three seconds and a reminder tick later the on-scene deadline passes: the acknowledge breach is still once.
        Assert.Equal([.. AcknowledgeBreach, .. OnSceneBreach], await AfterOnSceneBreach(database, ticket.GetPrimaryKey()));
        var timeline = (await ticket.GetTimeline(CallTaker, 0, 500)).Entries!;
        Assert.Single(timeline, e => e.Kind == TimelineKinds.Renotified);
        Assert.Single(timeline, e => e.Kind == TimelineKinds.SlaBreached && e.Text!.StartsWith("acknowledge", StringComparison.Ordinal));
        Assert.Equal(["acknowledge", "on_scene"], (await ticket.Get(CallTaker)).Ticket!.Breaches.Select(b => b.Deadline));
    }

    [Fact]
    public async Task A_ticket_deactivated_while_it_waits_is_woken_ahead_of_its_deadline_and_its_reminder_then_waits_for_the_next()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockwake");
        // A backstop period far longer than the deadlines: only the reminder's tick ahead of a point wakes the ticket in time.
        await using var cluster = await TestCluster.StartAsync(database, silos: 1, silo =>
            silo.Services.Configure<TicketClockOptions>(o =>
            {
                o.BackstopPeriod = TimeSpan.FromMinutes(5);
                o.WakeAhead = TimeSpan.FromSeconds(3);
            }));
        await SetDeadlines(cluster.Client, TimeSpan.FromSeconds(24)); // re-notified at 12 s, on scene within the hour
        var ticket = await OpenAndEscalate(cluster.Client);
        var id = ticket.GetPrimaryKey();
        var onSceneBy = (await ticket.Get(CallTaker)).Ticket!.Deadlines!.OnScene;

        // Idle collection would do the same after its age; nothing here calls the ticket again.
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        await management.DeactivateGrain(ticket.GetGrainId());
        // Gone before the reminder's first tick (9 s after escalation) brings it back.
        await Eventually.Within(TimeSpan.FromSeconds(6), async () => (await management.GetSimpleGrainStatistics())
            .Where(g => g.GrainType.Contains(nameof(TicketGrain), StringComparison.Ordinal)).Sum(g => g.ActivationCount), n => n == 0);

        Assert.Equal(AcknowledgeBreach, await Eventually.Within(TimeSpan.FromSeconds(40), () => Alerts(database, id),
            a => a.Count == AcknowledgeBreach.Length));
        Assert.InRange(await Scalar<double>(database,
            "SELECT max(extract(epoch FROM raised_at - due_at))::float8 FROM alerts WHERE ticket_id = $1", id), 0, 1);

        // The acknowledge deadline acted: the reminder is moved on to tick just ahead of the on-scene deadline, not every period.
        var firstTick = await Eventually.Within(TimeSpan.FromSeconds(10),
            () => Scalar<DateTime>(database, "SELECT starttime FROM orleansreminderstable WHERE grainid LIKE '%' || $1 || '%'", id.ToString("N")),
            start => start > DateTime.UtcNow.AddMinutes(30));
        Assert.InRange(new DateTimeOffset(firstTick, TimeSpan.Zero), onSceneBy.AddSeconds(-5), onSceneBy);
    }

    private static async Task<T> Scalar<T>(string database, string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_deadline_met_raises_nothing_while_the_next_one_missed_does()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockmet");
        await using var cluster = await StartAsync(database);
        await SetDeadlines(cluster.Client, TimeSpan.FromSeconds(2), onScene: TimeSpan.FromSeconds(3));
        var ticket = await OpenAndEscalate(cluster.Client);
        Assert.Null((await ticket.Apply(new TicketCommand(TicketTransition.Acknowledge, null, null, null), Damkar)).Failure);

        Assert.Equal(OnSceneBreach, await AfterOnSceneBreach(database, ticket.GetPrimaryKey()));
        Assert.Equal(["on_scene"], (await ticket.Get(CallTaker)).Ticket!.Breaches.Select(b => b.Deadline));
    }

    [Fact]
    public async Task The_backup_OPD_is_offered_an_overdue_ticket_and_may_take_it_over()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockbackup");
        await using var cluster = await StartAsync(database);
        await cluster.Client.GetGrain<IOpdGrain>("damkar").Put(
            new OpdDefinition("Dinas Pemadam Kebakaran dan Penyelamatan", ["fire", "animal", "wasp_nest"], "bpbd", true), "test-admin");
        await SetDeadlines(cluster.Client, TimeSpan.FromSeconds(1));
        var ticket = await OpenAndEscalate(cluster.Client);
        Assert.Equal(RefusalKind.NotFound, (await ticket.Get(Bpbd)).Failure?.Kind);

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
        // The silo's death is noticed within seconds; the on-scene deadline comes well after the acknowledge alert.
        await SetDeadlines(cluster.Client, TimeSpan.FromSeconds(4), onScene: TimeSpan.FromSeconds(9));
        var ticket = await OpenAndEscalate(cluster.Client);

        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.Single(s => s.GrainId == ticket.GetGrainId()).SiloAddress;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        Assert.Equal([.. AcknowledgeBreach, .. OnSceneBreach], await AfterOnSceneBreach(database, ticket.GetPrimaryKey(), seconds: 60));
        Assert.Equal(["acknowledge", "on_scene"], (await ticket.Get(CallTaker)).Ticket!.Breaches.Select(b => b.Deadline));
    }

    [Fact]
    public async Task A_deadline_passing_while_the_cluster_is_down_raises_its_alert_once_when_it_is_back()
    {
        var database = await TestPostgres.CreateDatabaseAsync("clockdown");
        Guid id;
        DateTimeOffset acknowledgeBy;
        await using (var first = await StartAsync(database))
        {
            // The on-scene deadline comes after the restart has acted on the missed one.
            await SetDeadlines(first.Client, TimeSpan.FromSeconds(3), onScene: TimeSpan.FromSeconds(9));
            var opened = await OpenAndEscalate(first.Client);
            (id, acknowledgeBy) = (opened.GetPrimaryKey(), (await opened.Get(CallTaker)).Ticket!.Deadlines!.Acknowledge);
        }
        // The deadline passes with no silo up.
        await Eventually.Within(TimeSpan.FromSeconds(10), () => Task.FromResult(DateTimeOffset.UtcNow), now => now > acknowledgeBy);
        Assert.Empty(await Alerts(database, id));

        await using var second = await StartAsync(database, silos: 1);
        Assert.Equal([.. AcknowledgeBreach, .. OnSceneBreach], await AfterOnSceneBreach(database, id));
        var ticket = (await second.Client.GetGrain<ITicketGrain>(id).Get(CallTaker)).Ticket!;
        Assert.Equal(["acknowledge", "on_scene"], ticket.Breaches.Select(b => b.Deadline));
    }
}
