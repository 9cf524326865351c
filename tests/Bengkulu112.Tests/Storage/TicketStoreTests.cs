using Bengkulu112.Alerts;
using Bengkulu112.Silo.Migrations;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Storage;

/// <summary>The group commit of ticket saves, against a real PostgreSQL with the project's migrations.</summary>
public sealed class TicketStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource database = null!;
    private TicketStore store = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("tstore");
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        database = NpgsqlDataSource.Create(connectionString);
        store = new TicketStore(database, NullLogger<TicketStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_saves_share_transactions_and_each_gets_its_own_event_in_commit_order()
    {
        var tickets = Enumerable.Range(0, 100).Select(i => Ticket($"BKL-TEST-{i:D5}", version: 1)).ToList();

        var eventIds = await Task.WhenAll(tickets.Select(t => store.SaveAsync(t, "opened")));

        Assert.Equal(100, eventIds.Distinct().Count());
        Assert.True(await Scalar<long>("SELECT count(DISTINCT xmin::text) FROM tickets") < 100);
        // Each answer is its own ticket's event.
        for (var i = 0; i < tickets.Count; i += 17)
            Assert.Equal(eventIds[i], await store.EventIdAsync(tickets[i].Id, 1));
        // The feed lock is held from a transaction's first event to its commit: its events are numbered in one run.
        Assert.Equal(0, await Scalar<long>("""
            SELECT count(*) FROM (SELECT xmin::text FROM ticket_events GROUP BY xmin::text
                                  HAVING max(id) - min(id) + 1 <> count(*)) broken
            """));
    }

    [Fact]
    public async Task A_stale_version_refuses_that_save_alone_and_writes_nothing_of_it()
    {
        var stale = Ticket("BKL-TEST-STALE", version: 1);
        await store.SaveAsync(stale, "opened");
        var others = Enumerable.Range(0, 30).Select(i => Ticket($"BKL-TEST-OK{i:D3}", version: 1)).ToList();
        stale.Version = 3; // this activation missed version 2
        var alert = new AlertToRaise("stale:ack", AlertKinds.SlaBreached, "damkar", "acknowledge", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        var saves = others.Select(t => store.SaveAsync(t, "opened")).Append(store.SaveAsync(stale, "escalated", [alert])).ToList();

        await Assert.ThrowsAsync<Bengkulu112.Common.StoredVersionConflictException>(() => saves[^1]);
        foreach (var save in saves.SkipLast(1))
            await save;
        Assert.Equal(1, await Scalar<long>($"SELECT count(*) FROM ticket_events WHERE ticket_id = '{stale.Id}'"));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal(1, await Scalar<int>($"SELECT version FROM tickets WHERE id = '{stale.Id}'"));
    }

    [Fact]
    public async Task Published_marks_given_together_keep_the_highest_version()
    {
        var ticket = Ticket("BKL-TEST-PUB", version: 1);
        await store.SaveAsync(ticket, "opened");
        ticket.Version = 2;
        await store.SaveAsync(ticket, "escalated");

        await Task.WhenAll(store.MarkPublishedAsync(ticket.Id, 2), store.MarkPublishedAsync(ticket.Id, 1));

        Assert.Equal(2, (await store.LoadAsync(ticket.Id))!.PublishedVersion);
    }

    private static TicketState Ticket(string number, int version) => new()
    {
        Id = Guid.NewGuid(), Number = number, Version = version, Category = "fire", Description = "test",
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
    };

    private async Task<T> Scalar<T>(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
