using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.TicketChangePublisher;

namespace Bengkulu112.Tests.Cluster;

/// <summary>Routing changes and OPD ticket lists are grain state in PostgreSQL: a full cluster restart keeps them.</summary>
public sealed class RoutingAndOpdTicketsRestartTests
{
    [Fact]
    public async Task A_routing_change_survives_a_full_restart_and_seeding_leaves_it_alone()
    {
        var database = await TestPostgres.CreateDatabaseAsync("routing");
        var rule = new RoutingRule("blood", Priority.P2, "pmi", ["dinkes"],
            new SlaDeadlines(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromDays(2)));
        await using (var first = await TestCluster.StartAsync(database, silos: 1))
        {
            var result = await first.Client.GetGrain<IRoutingGrain>(IRoutingGrain.Key).Put(rule, "admin-test");
            Assert.Null(result.Errors);
        }

        await using var second = await TestCluster.StartAsync(database, silos: 1);
        var routing = second.Client.GetGrain<IRoutingGrain>(IRoutingGrain.Key);
        var blood = await routing.Get("blood");
        Assert.Equal((Priority.P2, "pmi", rule.Deadlines), (blood.Priority, blood.PrimaryOpd, blood.Deadlines));
        Assert.Equal(["dinkes"], blood.SupportingOpds);
        Assert.Equal(12, (await routing.GetAll()).Count);
    }

    [Fact]
    public async Task An_OPDs_ticket_list_and_stream_survive_a_cluster_crash()
    {
        var database = await TestPostgres.CreateDatabaseAsync("opdlist");
        var (kept, closed) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var first = await TestCluster.StartAsync(database, silos: 2))
        {
            var before = new TicketChangePublisher(first.Silos[0].ServiceProvider);
            // One stream keeps its order: once the later change is listed, the closed one was applied too.
            await before.PublishAsync(Change(closed, "BKL-2026-000002", TicketStatus.Closed, 9, "bpbd"));
            await before.PublishAsync(Change(kept, "BKL-2026-000001", TicketStatus.Acknowledged, 3, "bpbd", ["dlh"]));
            var bpbd = first.Client.GetGrain<IOpdGrain>("bpbd");
            await Eventually.Within(TimeSpan.FromSeconds(10), () => bpbd.GetTickets(), t => t.Count == 1);
            await Eventually.Within(TimeSpan.FromSeconds(10), () => first.Client.GetGrain<IOpdGrain>("dlh").GetTickets(), t => t.Count == 1);
            // Killed, not stopped: the stream pub-sub state keeps its producers, as after a crash, and must be read back.
            foreach (var silo in first.Silos.ToList())
                await first.KillSiloAsync(silo);
        }

        await using var second = await TestCluster.StartAsync(database, silos: 1);
        var afterRestart = second.Client.GetGrain<IOpdGrain>("bpbd");
        var ticket = Assert.Single(await afterRestart.GetTickets());
        Assert.Equal((kept, TicketStatus.Acknowledged, OpdTicketRole.Primary, 3), (ticket.TicketId, ticket.Status, ticket.Role, ticket.Version));
        Assert.Equal(1, (await afterRestart.Get())!.OpenTickets);

        // The versions came back too: the closed ticket's late escalation does not put it on the list.
        var publisher = new TicketChangePublisher(second.Silos[0].ServiceProvider);
        await publisher.PublishAsync(Change(closed, "BKL-2026-000002", TicketStatus.Escalated, 2, "bpbd"));
        await publisher.PublishAsync(Change(kept, "BKL-2026-000001", TicketStatus.OnScene, 4, "bpbd"));
        await Eventually.Within(TimeSpan.FromSeconds(10), () => afterRestart.GetTickets(), t => t.Any(x => x.Version == 4));
        Assert.Equal([kept], (await afterRestart.GetTickets()).Select(t => t.TicketId));
    }
}
