using Bengkulu112.Alerts;
using Npgsql;

namespace Bengkulu112.Api.Alerts;

/// <summary>A supervisor acknowledging an alert: the one change the API makes to the `alerts` table.</summary>
public sealed class AlertAcknowledgements(NpgsqlDataSource database)
{
    /// <summary>
    /// Records the first acknowledgement only: a repeat (or a race between two supervisors) leaves the first one in
    /// place and answers it. Null when there is no such alert.
    /// </summary>
    public async Task<AlertResponse?> AcknowledgeAsync(long id, string actor, string? actorName, DateTimeOffset at)
    {
        await using (var update = database.CreateCommand("""
            UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3, acknowledged_by_name = $4
            WHERE id = $1 AND acknowledged_at IS NULL
            """))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(actor);
            update.Parameters.AddWithValue(at);
            update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)actorName ?? DBNull.Value });
            await update.ExecuteNonQueryAsync();
        }
        // Read in a statement of its own: it sees the first acknowledgement even when another supervisor's won.
        await using var command = database.CreateCommand($"SELECT {AlertRows.Columns} FROM alerts WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await AlertRows.ReadAllAsync(command, CancellationToken.None)).SingleOrDefault();
    }
}
