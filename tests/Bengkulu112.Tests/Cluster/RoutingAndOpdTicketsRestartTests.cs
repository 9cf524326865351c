using Bengkulu112.Opds;
using Microsoft.Extensions.DependencyInjection;
using Bengkulu112.Routing;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.TicketChangePublisher;

namespace Bengkulu112.Tests.Cluster;

/// <summary>Routing changes are grain state and OPD ticket lists come from the tickets table: a full cluster restart keeps both.</summary>
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
            Assert.Null(result.Failure);
        }

        await using var second = await TestCluster.StartAsync(database, silos: 1);
        var routing = second.Client.GetGrain<IRoutingGrain>(IRoutingGrain.Key);
        var blood = await routing.Get("blood");
        Assert.Equal((Priority.P2, "pmi", rule.Deadlines), (blood.Priority, blood.PrimaryOpd, blood.Deadlines));
        Assert.Equal(["dinkes"], blood.SupportingOpds);
        Assert.Equal(12, (await routing.GetAll()).Count);
    }

    [Fact]
    public async Task An_OPDs_ticket_list_comes_back_from_the_tickets_table_after_a_cluster_crash()
    {
        var database = await TestPostgres.CreateDatabaseAsync("opdlist");
        var kept = Ticket("BKL-2026-000001", TicketStatus.Acknowledged, "bpbd", ["dlh"]);
        var closed = Ticket("BKL-2026-000002", TicketStatus.Closed, "bpbd");
        await using (var first = await TestCluster.StartAsync(database, silos: 2, configure: QuickReconcile))
        {
            var store = first.Silos[0].ServiceProvider.GetRequiredService<TicketStore>();
            await store.SaveAsync(closed, "closed");
            await store.SaveAsync(kept, "acknowledged");
            var before = new TicketChangePublisher(first.Silos[0].ServiceProvider);
            await before.PublishAsync(TicketPublisher.ChangeOf(closed, 1));
            await before.PublishAsync(TicketPublisher.ChangeOf(kept, 2));
            await Eventually.Within(TimeSpan.FromSeconds(10), () => first.Client.GetGrain<IOpdGrain>("bpbd").GetTickets(), t => t.Count == 1);
            await Eventually.Within(TimeSpan.FromSeconds(10), () => first.Client.GetGrain<IOpdGrain>("dlh").GetTickets(), t => t.Count == 1);
            foreach (var silo in first.Silos.ToList())
                await first.KillSiloAsync(silo);
        }

        await using var second = await TestCluster.StartAsync(database, silos: 1, configure: QuickReconcile);
        var bpbd = second.Client.GetGrain<IOpdGrain>("bpbd");
        var ticket = Assert.Single(await bpbd.GetTickets());
        Assert.Equal((kept.Id, TicketStatus.Acknowledged, OpdTicketRole.Primary, 1), (ticket.TicketId, ticket.Status, ticket.Role, ticket.Version));
        Assert.Equal(1, (await bpbd.Get())!.OpenTickets);

        // A late repeat of the closed ticket's escalation is checked against the stored ticket: it stays off the list.
        var publisher = new TicketChangePublisher(second.Silos[0].ServiceProvider);
        await publisher.PublishAsync(Change(closed.Id, closed.Number, TicketStatus.Escalated, 1, "bpbd"));
        await publisher.PublishAsync(Change(kept.Id, kept.Number, TicketStatus.OnScene, 2, "bpbd"));
        await Eventually.Within(TimeSpan.FromSeconds(10), () => bpbd.GetTickets(), t => t.Any(x => x.Version == 2));
        Assert.Equal([kept.Id], (await bpbd.GetTickets()).Select(t => t.TicketId));
    }

    [Fact]
    public async Task A_change_whose_stream_message_was_lost_reaches_the_list_at_the_next_reconcile()
    {
        var database = await TestPostgres.CreateDatabaseAsync("opdlost");
        await using var cluster = await TestCluster.StartAsync(database, silos: 1, configure: QuickReconcile);
        var store = cluster.Silos[0].ServiceProvider.GetRequiredService<TicketStore>();
        var ticket = Ticket("BKL-2026-000003", TicketStatus.Escalated, "damkar");
        await store.SaveAsync(ticket, "escalated");
        var damkar = cluster.Client.GetGrain<IOpdGrain>("damkar");
        await Eventually.Within(TimeSpan.FromSeconds(10), () => damkar.GetTickets(), t => t.Count == 1);

        // Committed, but its message never reaches the stream (as when the silo holding the queue dies).
        ticket.Version = 2;
        ticket.Status = TicketStatus.Closed;
        await store.SaveAsync(ticket, "closed");

        await Eventually.Within(TimeSpan.FromSeconds(10), () => damkar.GetTickets(), t => t.Count == 0);
        Assert.Equal(0, (await damkar.Get())!.OpenTickets);
    }

    private static void QuickReconcile(ISiloBuilder silo) =>
        silo.Services.Configure<OpdTicketOptions>(o => o.ReconcilePeriod = TimeSpan.FromSeconds(1));

    private static TicketState Ticket(string number, TicketStatus status, string opd, string[]? supporting = null) => new()
    {
        Id = Guid.NewGuid(), Number = number, Version = 1, Status = status, Category = "disaster", Priority = Priority.P2,
        Opd = opd, SupportingOpds = [.. supporting ?? []], Description = "test",
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };
}
