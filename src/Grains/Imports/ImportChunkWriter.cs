using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Imports;

/// <summary>One accepted row ready to write: its call, and the ticket it opens (already numbered), if any.</summary>
public sealed record ImportWrite(ImportRecord Row, CallState Call, TicketState? Ticket);

/// <summary>What one chunk adds to an import's progress.</summary>
public sealed record ImportChunk(
    int From,
    int To,
    IReadOnlyList<ImportWrite> Writes,
    int AlreadyPresent,
    IReadOnlyList<ImportRowError> Errors,
    int RefusedRows,
    bool Last);

/// <summary>
/// Writes one chunk of an import in one transaction: its calls and tickets, and the progress that counts them, so a
/// crash leaves the chunk either whole and counted or not there at all. Rows already present (same content key, so the
/// same id) are skipped by the inserts themselves. No ticket event, alert or feed row is written: history is not live.
/// </summary>
public sealed class ImportChunkWriter(NpgsqlDataSource database)
{
    /// <summary>The refused rows an import lists at most (the count stays exact beyond it).</summary>
    public const int MaxListedErrors = 10_000;

    /// <summary>Ids among <paramref name="ids"/> already stored as calls.</summary>
    public async Task<HashSet<Guid>> ExistingAsync(IReadOnlyList<Guid> ids)
    {
        await using var command = database.CreateCommand("SELECT id FROM calls WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
        var found = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            found.Add(reader.GetGuid(0));
        return found;
    }

    /// <summary>
    /// Commits the chunk if the import is still at <see cref="ImportChunk.From"/> (another activation may have gone on
    /// meanwhile: then nothing is written and the answer is false).
    /// </summary>
    public async Task<bool> CommitAsync(Guid importId, ImportChunk chunk, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        int listed;
        await using (var claim = new NpgsqlCommand(
            "SELECT jsonb_array_length(errors) FROM imports WHERE id = $1 AND next_row = $2 AND status = 'running' FOR UPDATE",
            connection, transaction))
        {
            claim.Parameters.AddWithValue(importId);
            claim.Parameters.AddWithValue(chunk.From);
            if (await claim.ExecuteScalarAsync() is not int count)
                return false;
            listed = count;
        }

        var imported = 0;
        if (chunk.Writes.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var write in chunk.Writes)
                batch.BatchCommands.Add(Insert(importId, write));
            await using var reader = await batch.ExecuteReaderAsync();
            for (var n = 0; n < chunk.Writes.Count; n++)
            {
                if (n > 0)
                    await reader.NextResultAsync();
                await reader.ReadAsync();
                imported += (int)reader.GetInt64(0);
            }
        }

        await using (var progress = new NpgsqlCommand("""
            UPDATE imports
            SET next_row = $2, imported = imported + $3, already_present = already_present + $4, refused = refused + $5,
                errors = errors || $6, status = CASE WHEN $7 THEN 'done' ELSE status END,
                finished_at = CASE WHEN $7 THEN $8 ELSE finished_at END
            WHERE id = $1
            """, connection, transaction))
        {
            progress.Parameters.AddWithValue(importId);
            progress.Parameters.AddWithValue(chunk.To);
            progress.Parameters.AddWithValue(imported);
            progress.Parameters.AddWithValue(chunk.AlreadyPresent + chunk.Writes.Count - imported);
            progress.Parameters.AddWithValue(chunk.RefusedRows);
            progress.Parameters.AddWithValue(NpgsqlDbType.Jsonb,
                StoredJson.Serialize(chunk.Errors.Take(Math.Max(0, MaxListedErrors - listed)).ToList()));
            progress.Parameters.AddWithValue(chunk.Last);
            progress.Parameters.AddWithValue(now);
            await progress.ExecuteNonQueryAsync();
        }
        if (chunk.Last)
        {
            // The rows are in calls and tickets now: the file is not kept.
            await using var drop = new NpgsqlCommand("DELETE FROM import_files WHERE import_id = $1", connection, transaction);
            drop.Parameters.AddWithValue(importId);
            await drop.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return true;
    }

    private static NpgsqlBatchCommand Insert(Guid importId, ImportWrite write)
    {
        var command = new NpgsqlBatchCommand(write.Ticket is null ? InsertCall : InsertCallAndTicket);
        var call = write.Call;
        var p = command.Parameters;
        p.AddWithValue("import_id", importId);
        p.AddWithValue("c_id", write.Row.CallId);
        p.AddWithValue("c_number", (object?)call.CallerNumber ?? DBNull.Value);
        p.AddWithValue("c_caller_id", CallerIdCodes.Code(call.CallerId));
        p.AddWithValue("c_received_at", call.ReceivedAt);
        p.AddWithValue("c_channel", call.Channel.ToString().ToLowerInvariant());
        p.AddWithValue("c_classification", ClassificationCodes.Code(call.Classification!.Value));
        p.AddWithValue("c_ticket_id", (object?)call.TicketId ?? DBNull.Value);
        p.AddWithValue("c_opened", call.OpenedTicket);
        p.AddWithValue("c_call_taker", call.CallTaker);
        p.AddWithValue("c_state", NpgsqlDbType.Jsonb, StoredJson.Serialize(call));
        if (write.Ticket is { } ticket)
        {
            TicketStore.AddRow(p, ticket, StoredJson.Serialize(ticket));
            TimelineRows.AddParameters(p, ticket.NewEntries);
            // Its clock has nothing left to do (every point is marked fired): the silo need not wake it at start.
            p["next_deadline"].Value = DBNull.Value;
        }
        return command;
    }

    private const string CallCte = """
        WITH c AS (
            INSERT INTO calls (id, caller_number, caller_id, received_at, channel, classification, ticket_id, opened_ticket,
                               call_taker, state, version, import_id)
            VALUES (@c_id, @c_number, @c_caller_id, @c_received_at, @c_channel, @c_classification, @c_ticket_id, @c_opened,
                    @c_call_taker, @c_state, 1, @import_id)
            ON CONFLICT (id) DO NOTHING
            RETURNING id)
        """;

    private const string InsertCall = CallCte + "SELECT count(*) FROM c";

    /// <summary>
    /// The ticket only with its call (a call already present brings no second ticket), and its timeline only with the
    /// ticket; published already.
    /// </summary>
    private const string InsertCallAndTicket = CallCte + $"""
        , t AS (
            INSERT INTO tickets (id, {TicketStore.Columns}, published_version, import_id)
            SELECT @id, {TicketStore.Values}, 1, @import_id FROM c
            ON CONFLICT (id) DO NOTHING
            RETURNING id)
        , tl AS (
            INSERT INTO ticket_timeline ({TimelineRows.Columns})
            SELECT t.id, u.* FROM t CROSS JOIN {TimelineRows.Unnest} AS u)
        SELECT count(*) FROM c
        """;
}
