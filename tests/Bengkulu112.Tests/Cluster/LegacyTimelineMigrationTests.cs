using Bengkulu112.Common;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>
/// Timelines once lived inside the ticket's stored state; migration 0012 moves them into rows. The ticket here is stored
/// in the old shape (statuses of its early entries as numbers, as the first versions wrote them, and a note's
/// Idempotency-Key by index) and read back by its grain after the migration.
/// </summary>
public sealed class LegacyTimelineMigrationTests
{
    private static readonly Actor Siti = new("siti", "calltaker", null, "Siti Aminah");

    [Fact]
    public async Task A_timeline_inside_an_old_state_survives_migration_0012_and_the_ticket_goes_on_from_it()
    {
        var database = await TestPostgres.CreateDatabaseAsync("legacytl");
        await using var cluster = await TestCluster.StartAsync(database, silos: 1);
        var id = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds, description,
                                     created_at, updated_at, published_version, escalated_at, first_escalated_at)
                VALUES ($1, 'BKL-2025-000042', 4, $2::jsonb, 'escalated', 'fire', 'P1', 'damkar', '{}', 'Rumah terbakar',
                        '2025-03-01T12:00:00Z', '2025-03-01T12:03:00Z', 4, '2025-03-01T12:01:00Z', '2025-03-01T12:01:00Z')
                """, connection))
            {
                insert.Parameters.AddWithValue(id);
                insert.Parameters.AddWithValue(OldState(id));
                await insert.ExecuteNonQueryAsync();
            }
            var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src/Silo/Migrations/0012_ticket_timeline.sql"));
            for (var run = 0; run < 2; run++) // idempotent: a second run changes nothing
            {
                await using var migrate = new NpgsqlCommand(script, connection);
                await migrate.ExecuteNonQueryAsync();
            }
            await using var state = new NpgsqlCommand($"SELECT state ? 'timeline' OR state ? 'note_keys' FROM tickets WHERE id = '{id}'", connection);
            Assert.False((bool)(await state.ExecuteScalarAsync())!);
        }

        var grain = cluster.Client.GetGrain<ITicketGrain>(id);
        var timeline = (await grain.GetTimeline(Siti, 0, 500)).Entries!;
        Assert.Equal([TimelineKinds.Created, TimelineKinds.Escalated, TimelineKinds.Note, TimelineKinds.Note], timeline.Select(e => e.Kind));
        Assert.Equal((null, TicketStatus.Open), (timeline[0].FromStatus, timeline[0].ToStatus));
        Assert.Equal((TicketStatus.Open, TicketStatus.Escalated), (timeline[1].FromStatus, timeline[1].ToStatus));
        Assert.Equal(("siti", "Siti Aminah", "unit 3 on its way"), (timeline[2].Actor, timeline[2].ActorName, timeline[2].Text));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 1, 0, TimeSpan.Zero), timeline[1].At);

        // The note's Idempotency-Key came along: a repeat answers it and adds nothing.
        var repeat = await grain.AddNote("unit 3 on its way", Siti, "k1");
        Assert.Equal(timeline[2], repeat.Entry);
        var added = await grain.AddNote("asked for a second unit", Siti, null);
        Assert.Null(added.Failure);
        Assert.Equal(5, added.Version);
        var after = (await grain.GetTimeline(Siti, 0, 500)).Entries!;
        Assert.Equal([.. timeline, added.Entry!], after);
        var ticket = (await grain.Get(Siti)).Ticket!;
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 12, 1, 0, TimeSpan.Zero), ticket.EscalatedAt);
    }

    /// <summary>The state as versions before 0012 stored it: the whole timeline inside, note keys by index.</summary>
    private static string OldState(Guid id) => $$"""
        {
          "id": "{{id}}", "number": "BKL-2025-000042", "version": 4, "category": "fire", "priority": "p1",
          "status": "escalated", "description": "Rumah terbakar",
          "location": { "address": "Jl. Suprapto 12", "kelurahan": null, "kecamatan": null, "lat": null, "lon": null },
          "blood": null, "call_ids": [], "opd": "damkar", "supporting_opds": [],
          "created_at": "2025-03-01T12:00:00+00:00", "created_by": "siti", "updated_at": "2025-03-01T12:03:00+00:00",
          "escalated_at": "2025-03-01T12:01:00+00:00", "acknowledged_at": null, "on_scene_at": null, "resolved_at": null,
          "closed_at": null, "cancelled_at": null, "deadlines": null, "breaches": [], "escalation_level": 1,
          "timeline": [
            { "at": "2025-03-01T12:00:00+00:00", "actor": "siti", "kind": "created", "from_status": null, "to_status": 0, "opd": "damkar", "text": null },
            { "at": "2025-03-01T12:01:00+00:00", "actor": "siti", "kind": "escalated", "from_status": 0, "to_status": 1, "opd": "damkar", "text": null },
            { "at": "2025-03-01T12:02:00+00:00", "actor": "siti", "kind": "note", "from_status": null, "to_status": null, "opd": null, "text": "unit 3 on its way", "actor_name": "Siti Aminah" },
            { "at": "2025-03-01T12:03:00+00:00", "actor": "damkar.shift2", "kind": "note", "from_status": null, "to_status": null, "opd": "damkar", "text": "on our way", "actor_name": "Regu 2 Damkar" }
          ],
          "fired_clocks": [], "offered_to": [], "notified_opds": ["damkar"], "open_fingerprint": "legacy",
          "note_keys": { "siti\nk1": 2 },
          "next_deadline": null, "first_escalated_at": "2025-03-01T12:01:00+00:00"
        }
        """;
}
