using Npgsql;

namespace Bengkulu112.Calls;

/// <summary>
/// Writes the `calls` read model (reports read it). Every write is one idempotent statement keyed by the call id that
/// sets the row to what the grain is about to store, so repeating it (a retried command) leaves the same row.
/// </summary>
public sealed class CallStore(NpgsqlDataSource database)
{
    /// <summary>Writes the row of <paramref name="callId"/> as <paramref name="call"/> says, inserting it if absent.</summary>
    public async Task UpsertAsync(Guid callId, CallState call)
    {
        await using var command = database.CreateCommand(Upsert);
        command.Parameters.AddWithValue("id", callId);
        command.Parameters.AddWithValue("caller_number", call.CallerNumber);
        command.Parameters.AddWithValue("received_at", call.ReceivedAt);
        command.Parameters.AddWithValue("channel", call.Channel.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("classification",
            call.Classification is { } c ? ClassificationCodes.Code(c) : DBNull.Value);
        command.Parameters.AddWithValue("classified_at", (object?)call.ClassifiedAt ?? DBNull.Value);
        command.Parameters.AddWithValue("ticket_id", (object?)call.TicketId ?? DBNull.Value);
        command.Parameters.AddWithValue("opened_ticket", call.OpenedTicket);
        command.Parameters.AddWithValue("call_taker", call.CallTaker);
        await command.ExecuteNonQueryAsync();
    }

    private const string Upsert = """
        INSERT INTO calls (id, caller_number, received_at, channel, classification, classified_at, ticket_id,
                           opened_ticket, call_taker)
        VALUES (@id, @caller_number, @received_at, @channel, @classification, @classified_at, @ticket_id,
                @opened_ticket, @call_taker)
        ON CONFLICT (id) DO UPDATE
        SET caller_number = EXCLUDED.caller_number, received_at = EXCLUDED.received_at, channel = EXCLUDED.channel,
            classification = EXCLUDED.classification, classified_at = EXCLUDED.classified_at,
            ticket_id = EXCLUDED.ticket_id, opened_ticket = EXCLUDED.opened_ticket, call_taker = EXCLUDED.call_taker
        """;
}
