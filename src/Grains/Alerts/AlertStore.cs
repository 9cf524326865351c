using Npgsql;

namespace Bengkulu112.Alerts;

/// <summary>
/// Stores raised alerts in the `alerts` table, inside the transaction of the ticket change that raised them (under the
/// alerts feed lock, so ids become visible in order). A repeat of a <see cref="AlertToRaise.DedupeKey"/> stores nothing.
/// Reading them is <see cref="AlertRows"/>; acknowledging them is the API's (`Alerts/AlertAcknowledgements.cs`).
/// </summary>
public static class AlertStore
{
    private const string InsertSql = """
        INSERT INTO alerts (dedupe_key, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at)
        VALUES (@dedupe_key, @kind, @ticket_id, @ticket_number, @opd, @deadline, @due_at, @raised_at)
        ON CONFLICT (dedupe_key) DO NOTHING
        """;

    public static NpgsqlBatchCommand Insert(AlertToRaise alert, Guid ticketId, string ticketNumber)
    {
        var command = new NpgsqlBatchCommand(InsertSql);
        command.Parameters.AddWithValue("dedupe_key", alert.DedupeKey);
        command.Parameters.AddWithValue("kind", alert.Kind);
        command.Parameters.AddWithValue("ticket_id", ticketId);
        command.Parameters.AddWithValue("ticket_number", ticketNumber);
        command.Parameters.AddWithValue("opd", (object?)alert.Opd ?? DBNull.Value);
        command.Parameters.AddWithValue("deadline", alert.Deadline);
        command.Parameters.AddWithValue("due_at", alert.DueAt);
        command.Parameters.AddWithValue("raised_at", alert.RaisedAt);
        return command;
    }
}
