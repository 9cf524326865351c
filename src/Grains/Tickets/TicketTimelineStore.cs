using Npgsql;

namespace Bengkulu112.Tickets;

/// <summary>A page of a ticket's timeline, oldest first, and where the next page starts (null after the last entry).</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, int? NextAfter);

/// <summary>
/// Reads timeline rows (`ticket_timeline`; the ticket store writes them with each change): pages of one ticket, a note
/// by its Idempotency-Key, and a person's latest notes for the per-person note limit.
/// </summary>
public sealed class TicketTimelineStore(NpgsqlDataSource database)
{
    /// <summary>At most <paramref name="limit"/> entries after entry number <paramref name="after"/> (0: from the first).</summary>
    public async Task<TimelinePage> PageAsync(Guid ticketId, int after, int limit)
    {
        await using var command = database.CreateCommand($"""
            SELECT seq, {TimelineRows.EntryColumns} FROM ticket_timeline
            WHERE ticket_id = $1 AND seq > $2
            ORDER BY seq
            LIMIT $3
            """);
        command.Parameters.AddWithValue(ticketId);
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit + 1);
        var entries = new List<TimelineEntry>(Math.Min(limit + 1, 512));
        var last = after;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (entries.Count == limit)
                return new TimelinePage(entries, last);
            last = reader.GetInt32(0);
            entries.Add(TimelineRows.Read(reader, first: 1));
        }
        return new TimelinePage(entries, null);
    }

    /// <summary>The note of this ticket stored under <paramref name="noteKey"/>, if any.</summary>
    public async Task<TimelineEntry?> NoteByKeyAsync(Guid ticketId, string noteKey)
    {
        await using var command = database.CreateCommand(
            $"SELECT {TimelineRows.EntryColumns} FROM ticket_timeline WHERE ticket_id = $1 AND note_key = $2");
        command.Parameters.AddWithValue(ticketId);
        command.Parameters.AddWithValue(noteKey);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? TimelineRows.Read(reader) : null;
    }

    /// <summary>When <paramref name="actor"/> wrote their latest notes after <paramref name="since"/> (at most
    /// <paramref name="max"/> of them, on any ticket), oldest first.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> RecentNotesAsync(string actor, DateTimeOffset since, int max)
    {
        await using var command = database.CreateCommand("""
            SELECT at FROM ticket_timeline
            WHERE actor = $1 AND kind = 'note' AND at > $2
            ORDER BY at DESC
            LIMIT $3
            """);
        command.Parameters.AddWithValue(actor);
        command.Parameters.AddWithValue(since.ToUniversalTime());
        command.Parameters.AddWithValue(max);
        var times = new List<DateTimeOffset>(max);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        times.Reverse();
        return times;
    }
}
