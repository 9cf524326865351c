using Bengkulu112.Tickets;
using Npgsql;

namespace Bengkulu112.Opds;

/// <summary>
/// The tickets in an OPD's hands as PostgreSQL holds them (each ticket's state is committed with its change event, so
/// this is never behind a change any stream carried).
/// </summary>
public sealed class OpdTicketSource(NpgsqlDataSource database)
{
    /// <summary>Tickets in an assigned status (<see cref="OpdTicketList.AssignedStatuses"/>) naming <paramref name="opd"/> as primary or supporting.</summary>
    public async Task<IReadOnlyList<TicketState>> InHandsOfAsync(string opd)
    {
        await using var command = database.CreateCommand("""
            SELECT state::text FROM tickets
            WHERE status = ANY($2) AND (opd = $1 OR $1 = ANY(supporting_opds))
            """);
        command.Parameters.AddWithValue(opd);
        command.Parameters.AddWithValue(OpdTicketList.AssignedStatuses.Select(s => s.Code()).ToArray());
        var tickets = new List<TicketState>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tickets.Add(TicketJson.Deserialize(reader.GetString(0)));
        return tickets;
    }

    /// <summary>One ticket as stored, or null when there is none with this id.</summary>
    public async Task<TicketState?> LoadAsync(Guid ticketId)
    {
        await using var command = database.CreateCommand("SELECT state::text FROM tickets WHERE id = $1");
        command.Parameters.AddWithValue(ticketId);
        return await command.ExecuteScalarAsync() is string json ? TicketJson.Deserialize(json) : null;
    }
}
