using Bengkulu112.Common;
using Bengkulu112.Silo.Migrations;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Storage;

/// <summary>Timeline rows written with the ticket's change, against a real PostgreSQL with the project's migrations.</summary>
public sealed class TicketTimelineStoreTests : IAsyncLifetime
{
    private static readonly Actor Operator = new("siti", "calltaker", null, "Siti Aminah");
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private NpgsqlDataSource database = null!;
    private TicketStore store = null!;
    private TicketTimelineStore timeline = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("ttimeline");
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        database = NpgsqlDataSource.Create(connectionString);
        store = new TicketStore(database, NullLogger<TicketStore>.Instance);
        timeline = new TicketTimelineStore(database);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_change_stores_its_entries_as_rows_and_the_state_keeps_none_of_them()
    {
        var ticket = await OpenAsync("BKL-TL-00001");
        var next = Next(ticket);
        TicketDecisions.AddNote(next, "unit 3 on its way", Operator, TicketDecisions.NoteKey(Operator, "k1"), Start.AddMinutes(1));
        await store.SaveAsync(next, TimelineKinds.Note);

        var page = await timeline.PageAsync(ticket.Id, 0, 50);
        Assert.Equal([TimelineKinds.Created, TimelineKinds.Note], page.Entries.Select(e => e.Kind));
        Assert.Null(page.NextAfter);
        Assert.Equal(("siti", "Siti Aminah", "unit 3 on its way"), (page.Entries[1].Actor, page.Entries[1].ActorName, page.Entries[1].Text));
        Assert.Equal(TicketStatus.Open, page.Entries[0].ToStatus);
        Assert.Equal(page.Entries[1], await timeline.NoteByKeyAsync(ticket.Id, TicketDecisions.NoteKey(Operator, "k1")!));
        var stored = (await store.LoadAsync(ticket.Id))!.State;
        Assert.Equal((2, 1), (stored.TimelineLength, stored.NoteCount));
        Assert.DoesNotContain("unit 3", await Scalar<string>($"SELECT state::text FROM tickets WHERE id = '{ticket.Id}'"));
    }

    [Fact]
    public async Task A_change_whose_entries_cannot_be_stored_leaves_neither_the_change_nor_its_event()
    {
        var ticket = await OpenAsync("BKL-TL-00002");
        var next = Next(ticket);
        TicketDecisions.AddNote(next, "first", Operator, null, Start.AddMinutes(1));
        next.TimelineLength = 1; // a broken change: its entry claims the number the first entry already has
        next.NewEntries[0] = next.NewEntries[0] with { Seq = 1 };

        await Assert.ThrowsAsync<PostgresException>(() => store.SaveAsync(next, TimelineKinds.Note));

        Assert.Equal(1, await Scalar<int>($"SELECT version FROM tickets WHERE id = '{ticket.Id}'"));
        Assert.Equal(1L, await Scalar<long>($"SELECT count(*) FROM ticket_events WHERE ticket_id = '{ticket.Id}'"));
        Assert.Equal(1L, await Scalar<long>($"SELECT count(*) FROM ticket_timeline WHERE ticket_id = '{ticket.Id}'"));
    }

    [Fact]
    public async Task A_change_retried_on_a_version_already_stored_adds_no_entry_twice()
    {
        var ticket = await OpenAsync("BKL-TL-00003");
        var next = Next(ticket);
        TicketDecisions.AddNote(next, "once", Operator, null, Start.AddMinutes(1));
        await store.SaveAsync(next, TimelineKinds.Note);

        var again = Next(ticket); // the same change again from version 1, as an activation that missed the answer would
        TicketDecisions.AddNote(again, "once", Operator, null, Start.AddMinutes(1));
        await Assert.ThrowsAsync<StoredVersionConflictException>(() => store.SaveAsync(again, TimelineKinds.Note));

        Assert.Equal(["created", "note"], (await timeline.PageAsync(ticket.Id, 0, 50)).Entries.Select(e => e.Kind));
    }

    [Fact]
    public async Task Pages_through_a_long_timeline_give_every_entry_once_in_order()
    {
        var ticket = await OpenAsync("BKL-TL-00004");
        var current = ticket;
        for (var batch = 0; batch < 5; batch++)
        {
            var next = Next(current);
            for (var i = 0; i < 50; i++)
                TicketDecisions.AddNote(next, $"note {batch * 50 + i}", Operator, null, Start.AddSeconds(batch * 50 + i + 1));
            await store.SaveAsync(next, TimelineKinds.Note);
            current = next;
        }

        var texts = new List<string?>();
        var pages = 0;
        for (int? after = 0; after is { } from; pages++)
        {
            var page = await timeline.PageAsync(ticket.Id, from, 37);
            texts.AddRange(page.Entries.Select(e => e.Text));
            after = page.NextAfter;
        }

        Assert.Equal(7, pages); // 251 entries in pages of 37
        Assert.Equal([null, .. Enumerable.Range(0, 250).Select(i => $"note {i}")], texts);
    }

    [Fact]
    public async Task A_persons_recent_notes_are_counted_on_every_ticket_and_only_within_the_window()
    {
        var one = await OpenAsync("BKL-TL-00005");
        var two = await OpenAsync("BKL-TL-00006");
        var a = Next(one);
        TicketDecisions.AddNote(a, "old", Operator, null, Start.AddSeconds(-30));
        TicketDecisions.AddNote(a, "new", Operator, null, Start.AddSeconds(10));
        await store.SaveAsync(a, TimelineKinds.Note);
        var b = Next(two);
        TicketDecisions.AddNote(b, "other ticket", Operator, null, Start.AddSeconds(20));
        TicketDecisions.AddNote(b, "someone else", new Actor("budi", "calltaker", null), null, Start.AddSeconds(21));
        await store.SaveAsync(b, TimelineKinds.Note);

        Assert.Equal([Start.AddSeconds(10), Start.AddSeconds(20)], await timeline.RecentNotesAsync("siti", Start, 10));
        Assert.Equal([Start.AddSeconds(20)], await timeline.RecentNotesAsync("siti", Start, 1));
    }

    private async Task<TicketState> OpenAsync(string number)
    {
        var ticket = new TicketState
        {
            Id = Guid.NewGuid(), Number = number, Version = 1, Category = "fire", Description = "test", CreatedAt = Start,
        };
        TicketDecisions.Record(ticket, Operator, TimelineKinds.Created, null, TicketStatus.Open, "damkar", null, Start);
        await store.SaveAsync(ticket, TimelineKinds.Created);
        return ticket;
    }

    /// <summary>The copy the grain changes for the next version.</summary>
    private static TicketState Next(TicketState current)
    {
        var next = StoredJson.Clone(current);
        next.Version = current.Version + 1;
        return next;
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
