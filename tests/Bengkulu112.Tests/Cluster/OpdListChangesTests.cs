using Bengkulu112.Opds;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>An OPD's list stays exact when tickets change behind its grain's back (no stream message reaches it).</summary>
public sealed class OpdListChangesTests
{
    [Fact]
    public async Task Changes_written_without_a_stream_message_reach_the_list_at_the_next_re_read()
    {
        var database = await TestPostgres.CreateDatabaseAsync("opdchanges");
        await using var cluster = await TestCluster.StartAsync(database, silos: 1, configure: silo =>
        {
            silo.Services.Configure<OpdTicketOptions>(o => o.ReconcilePeriod = TimeSpan.FromSeconds(1));
            // The outbox sweep would push the unpublished changes through the stream: leave them to the re-read.
            silo.Services.Configure<TicketOptions>(o => o.OutboxSweepInterval = TimeSpan.FromHours(1));
        });
        var store = cluster.Silos[0].ServiceProvider.GetRequiredService<TicketStore>();
        var kept = Ticket("BKL-2026-000101", "damkar");
        var closing = Ticket("BKL-2026-000102", "damkar");
        var moving = Ticket("BKL-2026-000103", "damkar");
        foreach (var ticket in new[] { kept, closing, moving })
            await store.SaveAsync(ticket, "escalated");
        var damkar = cluster.Client.GetGrain<IOpdGrain>("damkar");
        var bpbd = cluster.Client.GetGrain<IOpdGrain>("bpbd");
        await Eventually.Within(TimeSpan.FromSeconds(15), () => damkar.GetTickets(), t => t.Count == 3);
        Assert.Empty(await bpbd.GetTickets());

        // Written as another silo would whose stream messages were lost, and a ticket inserted as an import does.
        closing.Version = 2;
        closing.Status = TicketStatus.Closed;
        await store.SaveAsync(closing, "closed");
        moving.Version = 2;
        moving.Opd = "bpbd";
        await store.SaveAsync(moving, "reassigned");
        var imported = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds,
                                     description, created_at, updated_at, published_version)
                VALUES ($1, 'BKL-2026-000104', 1, '{}', 'acknowledged', 'fire', 'P1', 'pupr', '{damkar}', 'imported',
                        now(), now(), 1)
                """, connection);
            insert.Parameters.AddWithValue(imported);
            await insert.ExecuteNonQueryAsync();
        }

        var list = await Eventually.Within(TimeSpan.FromSeconds(15), () => damkar.GetTickets(),
            t => t.Count == 2 && t.Any(x => x.TicketId == imported));
        Assert.Equal(new[] { kept.Id, imported }.Order(), list.Select(t => t.TicketId).Order());
        Assert.Equal(OpdTicketRole.Supporting, list.Single(t => t.TicketId == imported).Role);
        Assert.Equal(2, (await damkar.Get())!.OpenTickets);
        var moved = await Eventually.Within(TimeSpan.FromSeconds(15), () => bpbd.GetTickets(), t => t.Count == 1);
        Assert.Equal((moving.Id, 2), (moved[0].TicketId, moved[0].Version));
    }

    private static TicketState Ticket(string number, string opd) => new()
    {
        Id = Guid.NewGuid(), Number = number, Version = 1, Status = TicketStatus.Escalated, Category = "fire",
        Priority = Priority.P1, Opd = opd, Description = "test", CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
