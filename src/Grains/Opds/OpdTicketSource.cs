using Bengkulu112.Tickets;
using Npgsql;

namespace Bengkulu112.Opds;

/// <summary>
/// The tickets in an OPD's hands as PostgreSQL holds them, as the ticket stream's messages (each ticket's columns are
/// committed with its change event, so this is never behind a change any stream carried). Only the read-model columns
/// are read: an OPD may hold very many tickets, and their full states are not needed.
/// </summary>
public sealed class OpdTicketSource(NpgsqlDataSource database)
{
    private const string Columns = "id, number, status, opd, supporting_opds, version, updated_at, next_deadline, category, priority";

    /// <summary>Tickets in an assigned status (<see cref="OpdTicketList.AssignedStatuses"/>) naming <paramref name="opd"/> as primary or supporting.</summary>
    public async Task<IReadOnlyList<TicketChanged>> InHandsOfAsync(string opd)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM tickets
            WHERE status = ANY($2) AND (opd = $1 OR $1 = ANY(supporting_opds))
            """);
        command.Parameters.AddWithValue(opd);
        command.Parameters.AddWithValue(OpdTicketList.AssignedStatuses.Select(s => s.Code()).ToArray());
        var tickets = new List<TicketChanged>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tickets.Add(Read(reader));
        return tickets;
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
