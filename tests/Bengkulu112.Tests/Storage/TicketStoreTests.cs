using Bengkulu112.Alerts;
using Bengkulu112.Opds;
using Bengkulu112.Silo.Migrations;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Storage;

/// <summary>
/// The group commit of ticket saves, and what an OPD's periodic re-read finds of them (only the tickets changed since
/// its last read), against a real PostgreSQL with the project's migrations.
/// </summary>
public sealed class TicketStoreTests : IAsyncLifetime
{
    private NpgsqlDataSource database = null!;
    private TicketStore store = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("tstore");
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        database = NpgsqlDataSource.Create(connectionString);
        // Marks still gather, briefly, so that they meet the saves of the same tickets as they do in a silo.
        store = new TicketStore(database, NullLogger<TicketStore>.Instance, publicationLinger: TimeSpan.FromMilliseconds(20));
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

    [Fact]
    public async Task A_tickets_marks_given_within_the_linger_are_written_once_with_the_highest_version()
    {
        var lingering = new TicketStore(database, NullLogger<TicketStore>.Instance, publicationLinger: TimeSpan.FromMinutes(5));
        var ticket = Ticket("BKL-TEST-LINGER", version: 1);
        await lingering.SaveAsync(ticket, "opened");
        var marks = new List<Task> { lingering.MarkPublishedAsync(ticket.Id, 1) };
        for (var version = 2; version <= 3; version++)
        {
            ticket.Version = version;
            await lingering.SaveAsync(ticket, "note");
            marks.Add(lingering.MarkPublishedAsync(ticket.Id, version));
        }

        // Saves do not wait for marks; five minutes of linger have not passed, so nothing is marked yet.
        Assert.Equal(0, (await lingering.LoadAsync(ticket.Id))!.PublishedVersion);
        Assert.DoesNotContain(marks, m => m.IsCompleted);

        await lingering.DisposeAsync(); // a silo that stops writes what waits at once
        await Task.WhenAll(marks);
        Assert.Equal(3, (await lingering.LoadAsync(ticket.Id))!.PublishedVersion);
    }

    [Fact]
    public async Task Marks_beside_the_next_saves_of_the_same_tickets_never_deadlock()
    {
        // A ticket grain answers before its publication mark is stored, so the mark of one version meets the save of
        // the next in PostgreSQL, many tickets to a transaction on both sides, in whatever order the grains gave them.
        const int Rounds = 40;
        var random = new Random(19);
        var tickets = Enumerable.Range(0, 60).Select(i => Ticket($"BKL-TEST-M{i:D3}", version: 1)).ToList();
        await Task.WhenAll(tickets.Select(t => store.SaveAsync(t, "opened")));

        for (var version = 2; version <= Rounds + 1; version++)
        {
            var work = new List<Task>();
            foreach (var ticket in tickets.OrderBy(_ => random.Next()))
            {
                work.Add(store.MarkPublishedAsync(ticket.Id, ticket.Version));
                ticket.Version = version;
                work.Add(store.SaveAsync(ticket, "note"));
            }
            await Task.WhenAll(work);
        }

        await Task.WhenAll(tickets.Select(t => store.MarkPublishedAsync(t.Id, t.Version)));
        Assert.Equal(60, await Scalar<long>($"SELECT count(*) FROM tickets WHERE version = {Rounds + 1} AND published_version = {Rounds + 1}"));
    }

    [Fact]
    public async Task After_a_read_only_the_tickets_changed_since_are_read_again_by_whichever_writer()
    {
        var tickets = Enumerable.Range(1, 40).Select(i => Ticket(i, TicketStatus.Escalated, "damkar")).ToList();
        foreach (var ticket in tickets)
            await store.SaveAsync(ticket, "escalated");
        var first = await Source.InHandsOfAsync("damkar");
        Assert.Equal(40, first.Tickets.Count);
        Assert.Empty((await Source.ChangedSinceAsync(first.Mark)).Tickets);

        // A ticket grain's change, a change written by plain SQL (as another writer), a new ticket inserted like an
        // import does, and a publication mark (no change to what an OPD lists).
        var acknowledged = tickets[3];
        acknowledged.Version = 2;
        acknowledged.Status = TicketStatus.Acknowledged;
        await store.SaveAsync(acknowledged, "acknowledged");
        await Execute("UPDATE tickets SET version = version + 1, opd = 'bpbd' WHERE id = $1", tickets[7].Id);
        var imported = Ticket(41, TicketStatus.Closed, "damkar");
        await Execute("""
            INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds, description,
                                 created_at, updated_at, published_version)
            VALUES ($1, 'BKL-2026-900041', 1, '{}', 'closed', 'fire', 'P1', 'damkar', '{}', 'imported', now(), now(), 1)
            """, imported.Id);
        await Execute("UPDATE tickets SET published_version = version WHERE id = $1", tickets[11].Id);

        var changed = await Source.ChangedSinceAsync(first.Mark);

        Assert.Equal(new[] { tickets[3].Id, tickets[7].Id, imported.Id }.Order(), changed.Tickets.Select(t => t.TicketId).Order());
        Assert.Equal("bpbd", changed.Tickets.Single(t => t.TicketId == tickets[7].Id).Opd);
        Assert.Equal(TicketStatus.Acknowledged, changed.Tickets.Single(t => t.TicketId == tickets[3].Id).Status);
        Assert.Empty((await Source.ChangedSinceAsync(changed.Mark)).Tickets);
    }

    [Fact]
    public async Task A_change_committed_after_a_read_began_is_found_by_the_next_read()
    {
        var ticket = Ticket(1, TicketStatus.Escalated, "damkar");
        await store.SaveAsync(ticket, "escalated");
        var mark = (await Source.ChangedSinceAsync(0)).Mark;

        // A writer's transaction that started before the read and commits after it.
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE tickets SET version = version + 1, status = 'closed' WHERE id = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(ticket.Id);
            await update.ExecuteNonQueryAsync();
        }
        var during = await Source.ChangedSinceAsync(mark);
        Assert.Empty(during.Tickets);
        await transaction.CommitAsync();

        var after = await Source.ChangedSinceAsync(during.Mark);
        Assert.Equal(TicketStatus.Closed, Assert.Single(after.Tickets).Status);
    }

    [Fact]
    public async Task The_tickets_a_starting_silo_wakes_are_those_with_a_deadline_pending_read_without_the_closed_history()
    {
        var deadlines = new TicketDeadlines(DateTimeOffset.UtcNow.AddMinutes(2), DateTimeOffset.UtcNow.AddMinutes(15),
            DateTimeOffset.UtcNow.AddHours(4));
        var escalated = Ticket(1, TicketStatus.Escalated, "damkar");
        var acknowledged = Ticket(2, TicketStatus.Acknowledged, "bpbd");
        var onScene = Ticket(3, TicketStatus.OnScene, "damkar");
        var resolved = Ticket(4, TicketStatus.Resolved, "damkar");
        var withoutDeadlines = Ticket(5, TicketStatus.Escalated, "pmi");
        foreach (var ticket in new[] { escalated, acknowledged, onScene, resolved })
            ticket.Deadlines = deadlines;
        foreach (var ticket in new[] { escalated, acknowledged, onScene, resolved, withoutDeadlines })
            await store.SaveAsync(ticket, "escalated");
        // Closed history, as a long-running city has it.
        await Execute("""
            INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds, description,
                                 created_at, updated_at, published_version)
            SELECT gen_random_uuid(), 'BKL-2025-' || lpad(n::text, 6, '0'), 6, '{}', 'closed', 'fire', 'P1', 'damkar', '{}',
                   'history', now() - n * interval '1 hour', now() - n * interval '1 hour', 6
            FROM generate_series(1, 5000) AS n
            """);
        await Execute("ANALYZE tickets");

        Assert.Equal(new[] { escalated.Id, acknowledged.Id, onScene.Id }.Order(), (await store.WithPendingDeadlinesAsync()).Order());

        // A change that ends the wait leaves the set; one that starts a wait joins it.
        escalated.Version = 2;
        escalated.Status = TicketStatus.Closed;
        await store.SaveAsync(escalated, "closed");
        withoutDeadlines.Version = 2;
        withoutDeadlines.Deadlines = deadlines;
        await store.SaveAsync(withoutDeadlines, "reescalated");
        Assert.Equal(new[] { acknowledged.Id, onScene.Id, withoutDeadlines.Id }.Order(), (await store.WithPendingDeadlinesAsync()).Order());

        // The statement reads the pending tickets' index alone, not the 5,000 closed ones.
        var plan = string.Join('\n', await Lines("EXPLAIN SELECT id FROM tickets WHERE next_deadline IS NOT NULL"));
        Assert.Contains("ix_tickets_pending_deadline", plan);
        Assert.DoesNotContain("Seq Scan", plan);
    }

    private async Task<List<string>> Lines(string sql)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return lines;
    }

    private async Task Execute(string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private async Task Execute(string sql, Guid id)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        await command.ExecuteNonQueryAsync();
    }

    private OpdTicketSource Source => new(database);

    private static TicketState Ticket(int n, TicketStatus status, string opd) => new()
    {
        Id = Guid.NewGuid(), Number = $"BKL-2026-{n:D6}", Version = 1, Status = status, Category = "fire",
        Priority = Priority.P1, Opd = opd, Description = "test", CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

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
