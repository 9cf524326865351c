using System.Globalization;
using Bengkulu112.Tickets;
using Npgsql;

namespace Bengkulu112.Opds;

/// <summary>
/// The tickets in an OPD's hands as PostgreSQL holds them, as the ticket stream's messages (each ticket's columns are
/// committed with its change event, so this is never behind a change any stream carried). Only the read-model columns
/// are read: an OPD may hold very many tickets, and their full states are not needed; after the first read, only the
/// tickets changed since the last one.
/// </summary>
public sealed class OpdTicketSource(NpgsqlDataSource database)
{
    private const string Columns = "id, number, status, opd, supporting_opds, version, updated_at, next_deadline, category, priority";

    /// <summary>
    /// Tickets in an assigned status (<see cref="OpdTicketList.AssignedStatuses"/>) naming <paramref name="opd"/> as
    /// primary or supporting, and the mark from which <see cref="ChangedSinceAsync"/> reads what changed after this read.
    /// </summary>
    public Task<TicketRead> InHandsOfAsync(string opd) =>
        ReadAsync($"""
            SELECT {Columns} FROM tickets
            WHERE status = ANY($2) AND (opd = $1 OR $1 = ANY(supporting_opds))
            """, opd, OpdTicketList.AssignedStatuses.Select(s => s.Code()).ToArray());

    /// <summary>
    /// Every ticket changed since <paramref name="mark"/> (by whichever writer: the trigger of migration 0016 stamps
    /// each change with its transaction), whatever OPD it names now: a ticket that left an OPD's hands names another
    /// one, or none. May repeat changes read before (those of transactions still running at the last read); never
    /// misses one.
    /// </summary>
    public Task<TicketRead> ChangedSinceAsync(ulong mark) =>
        ReadAsync($"SELECT {Columns} FROM tickets WHERE change_xid >= $1::text::xid8", mark.ToString(CultureInfo.InvariantCulture));

    /// <summary>Tickets as read, and the mark of the read: the oldest transaction still running when it began.</summary>
    public sealed record TicketRead(IReadOnlyList<TicketChanged> Tickets, ulong Mark);

    private async Task<TicketRead> ReadAsync(string sql, params object[] parameters)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var batch = new NpgsqlBatch(connection);
        // The mark first: whatever commits after it, also before the tickets are read, carries a transaction id at
        // least this old, so the next read finds it again.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"));
        var read = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
            read.Parameters.Add(new NpgsqlParameter { Value = parameter });
        batch.BatchCommands.Add(read);
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var mark = ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
        await reader.NextResultAsync();
        var tickets = new List<TicketChanged>();
        while (await reader.ReadAsync())
            tickets.Add(Read(reader));
        return new TicketRead(tickets, mark);
    }

    /// <summary>One ticket as stored, or null when there is none with this id.</summary>
    public async Task<TicketChanged?> LoadAsync(Guid ticketId)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM tickets WHERE id = $1");
        command.Parameters.AddWithValue(ticketId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    private static TicketChanged Read(NpgsqlDataReader reader)
    {
        if (!TicketStatusCodes.TryParse(reader.GetString(2), out var status))
            throw new InvalidOperationException($"Ticket {reader.GetGuid(0)} has an unknown status '{reader.GetString(2)}'.");
        return new TicketChanged(0, reader.GetGuid(0), reader.GetString(1), status,
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<string[]>(4), reader.GetInt32(5),
            reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            reader.GetString(8), Enum.Parse<Priority>(reader.GetString(9)));
    }
}
