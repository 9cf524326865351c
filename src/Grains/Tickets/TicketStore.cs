using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Tickets;

/// <summary>
/// Reads and writes tickets in PostgreSQL. A save writes the state, the read-model columns and the change event in
/// one transaction, so the list queries and the feeds never disagree with the grain and nothing is half-written.
/// </summary>
public sealed class TicketStore(NpgsqlDataSource database)
{
    public sealed record Stored(TicketState State, int PublishedVersion);

    public async Task<Stored?> LoadAsync(Guid id)
    {
        await using var command = database.CreateCommand("SELECT state::text, published_version FROM tickets WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Stored(TicketJson.Deserialize(reader.GetString(0)), reader.GetInt32(1));
    }

    /// <summary>
    /// Writes <paramref name="state"/> (whose Version is one more than the stored one, or 1 for a new ticket) with its
    /// change event; answers the event id. Throws <see cref="TicketVersionConflictException"/> when the stored version
    /// is not the one this grain read (another activation wrote in between).
    /// </summary>
    public async Task<long> SaveAsync(TicketState state, string kind, IReadOnlyList<AlertToRaise>? alerts = null)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var write = state.Version == 1 ? Insert : Update;
        await using (var command = new NpgsqlCommand(write, connection, transaction))
        {
            command.Parameters.AddWithValue("id", state.Id);
            command.Parameters.AddWithValue("number", state.Number);
            command.Parameters.AddWithValue("version", state.Version);
            command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, TicketJson.Serialize(state));
            command.Parameters.AddWithValue("status", state.Status.Code());
            command.Parameters.AddWithValue("category", state.Category);
            command.Parameters.AddWithValue("priority", state.Priority.ToString());
            command.Parameters.AddWithValue("opd", (object?)state.Opd ?? DBNull.Value);
            command.Parameters.AddWithValue("supporting_opds", state.SupportingOpds.ToArray());
            command.Parameters.AddWithValue("description", state.Description);
            command.Parameters.AddWithValue("address", (object?)state.Location.Address ?? DBNull.Value);
            command.Parameters.AddWithValue("created_at", state.CreatedAt);
            command.Parameters.AddWithValue("updated_at", state.UpdatedAt);
            command.Parameters.AddWithValue("next_deadline", (object?)state.NextDeadline ?? DBNull.Value);
            if (await command.ExecuteNonQueryAsync() != 1)
                throw new TicketVersionConflictException(state.Id, state.Version);
        }

        long eventId;
        await Feeds.FeedLocks.TakeAsync(connection, transaction, Feeds.FeedLocks.TicketEvents);
        await using (var command = new NpgsqlCommand(InsertEvent, connection, transaction))
        {
            command.Parameters.AddWithValue("ticket_id", state.Id);
            command.Parameters.AddWithValue("version", state.Version);
            command.Parameters.AddWithValue("number", state.Number);
            command.Parameters.AddWithValue("kind", kind);
            command.Parameters.AddWithValue("status", state.Status.Code());
            command.Parameters.AddWithValue("opd", (object?)state.Opd ?? DBNull.Value);
            command.Parameters.AddWithValue("supporting_opds", state.SupportingOpds.ToArray());
            command.Parameters.AddWithValue("at", state.UpdatedAt);
            eventId = (long)(await command.ExecuteScalarAsync())!;
        }

        if (alerts is { Count: > 0 })
        {
            await Feeds.FeedLocks.TakeAsync(connection, transaction, Feeds.FeedLocks.Alerts);
            foreach (var alert in alerts)
            {
                await using var command = new NpgsqlCommand(InsertAlert, connection, transaction);
                command.Parameters.AddWithValue("dedupe_key", alert.DedupeKey);
                command.Parameters.AddWithValue("kind", alert.Kind);
                command.Parameters.AddWithValue("ticket_id", state.Id);
                command.Parameters.AddWithValue("ticket_number", state.Number);
                command.Parameters.AddWithValue("opd", (object?)alert.Opd ?? DBNull.Value);
                command.Parameters.AddWithValue("deadline", alert.Deadline);
                command.Parameters.AddWithValue("due_at", alert.DueAt);
                command.Parameters.AddWithValue("raised_at", alert.RaisedAt);
                await command.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
        return eventId;
    }

    /// <summary>Notes that the OPD streams have seen <paramref name="version"/>.</summary>
    public async Task MarkPublishedAsync(Guid id, int version)
    {
        await using var command = database.CreateCommand(
            "UPDATE tickets SET published_version = $2 WHERE id = $1 AND published_version < $2");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(version);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The event id of a stored version (to re-publish it after a crash).</summary>
    public async Task<long?> EventIdAsync(Guid id, int version)
    {
        await using var command = database.CreateCommand("SELECT id FROM ticket_events WHERE ticket_id = $1 AND version = $2");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(version);
        return await command.ExecuteScalarAsync() as long?;
    }

    /// <summary>Tickets whose latest change has not reached the OPD streams yet.</summary>
    public async Task<IReadOnlyList<Guid>> UnpublishedAsync(int limit)
    {
        await using var command = database.CreateCommand(
            "SELECT id FROM tickets WHERE published_version < version LIMIT $1");
        command.Parameters.AddWithValue(limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    private const string Columns =
        "number, version, state, status, category, priority, opd, supporting_opds, description, address, created_at, updated_at, next_deadline";

    private const string Insert = $"""
        INSERT INTO tickets (id, {Columns})
        VALUES (@id, @number, @version, @state, @status, @category, @priority, @opd, @supporting_opds, @description,
                @address, @created_at, @updated_at, @next_deadline)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string Update = """
        UPDATE tickets
        SET version = @version, state = @state, status = @status, category = @category, priority = @priority,
            opd = @opd, supporting_opds = @supporting_opds, description = @description, address = @address,
            updated_at = @updated_at, next_deadline = @next_deadline
        WHERE id = @id AND version = @version - 1
        """;

    private const string InsertAlert = """
        INSERT INTO alerts (dedupe_key, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at)
        VALUES (@dedupe_key, @kind, @ticket_id, @ticket_number, @opd, @deadline, @due_at, @raised_at)
        ON CONFLICT (dedupe_key) DO NOTHING
        """;

    /// <summary>Tickets that have a deadline pending (the silo wakes them at start, so missed deadlines act at once).</summary>
    public async Task<IReadOnlyList<Guid>> WithPendingDeadlinesAsync()
    {
        await using var command = database.CreateCommand("SELECT id FROM tickets WHERE next_deadline IS NOT NULL");
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    private const string InsertEvent = """
        INSERT INTO ticket_events (ticket_id, version, number, kind, status, opd, supporting_opds, at)
        VALUES (@ticket_id, @version, @number, @kind, @status, @opd, @supporting_opds, @at)
        RETURNING id
        """;
}

/// <summary>The stored ticket moved on without this activation: it must be re-read (the grain deactivates).</summary>
public sealed class TicketVersionConflictException(Guid id, int version)
    : Exception($"Ticket {id}: version {version - 1} is no longer the stored one.");
