using Bengkulu112.Alerts;
using Bengkulu112.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Tickets;

/// <summary>
/// Reads and writes tickets in PostgreSQL. A save writes the state, the read-model columns, the change's timeline rows
/// and its change event in one transaction, so the list queries, the timeline and the feeds never disagree with the
/// grain and nothing is half-written.
/// </summary>
/// <remarks>
/// Saves given at the same moment by different ticket grains share one transaction (group commit): event ids become
/// visible in id order only because writers hold <see cref="Feeds.FeedLocks"/> from the event insert to the commit,
/// so one transaction per save would make the disk's flushes the ceiling of every ticket change in the city.
/// </remarks>
public sealed partial class TicketStore : IAsyncDisposable
{
    /// <summary>The most saves one transaction holds.</summary>
    public const int MaxBatch = 128;

    /// <summary>
    /// How long a mark waits for others before it is written. Nothing waits on a mark (it only spares the outbox sweep
    /// a repeated push), and each rewrites a ticket's whole row and its indexes: gathered over a second, a ticket's
    /// changes of that second cost one row write instead of one each.
    /// </summary>
    public static readonly TimeSpan PublicationLinger = TimeSpan.FromSeconds(1);

    /// <summary>The most marks one statement holds.</summary>
    public const int MaxPublicationBatch = 1024;

    private readonly NpgsqlDataSource database;
    private readonly Batcher<PendingSave, long?> saves;
    private readonly Batcher<(Guid Id, int Version), bool> publications;

    /// <param name="publicationLinger">How long a publication mark waits for others; <see cref="PublicationLinger"/>
    /// unless given (tests).</param>
    public TicketStore(NpgsqlDataSource database, ILogger<TicketStore> logger, TimeSpan? publicationLinger = null)
    {
        this.database = database;
        saves = new Batcher<PendingSave, long?>(SaveManyAsync, (count, e) => LogBatchFailed(logger, "Saving", count, e),
            MaxBatch, maxConcurrent: 2);
        publications = new Batcher<(Guid, int), bool>(MarkManyPublishedAsync,
            (count, e) => LogBatchFailed(logger, "Marking published", count, e), MaxPublicationBatch, maxConcurrent: 1,
            publicationLinger ?? PublicationLinger);
    }

    public sealed record Stored(TicketState State, int PublishedVersion);

    public async Task<Stored?> LoadAsync(Guid id)
    {
        await using var command = database.CreateCommand("SELECT state::text, published_version FROM tickets WHERE id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Stored(StoredJson.Deserialize<TicketState>(reader.GetString(0)), reader.GetInt32(1));
    }

    /// <summary>
    /// Writes <paramref name="state"/> (whose Version is one more than the stored one, or 1 for a new ticket) with its
    /// change event; answers the event id. Throws <see cref="StoredVersionConflictException"/> when the stored version
    /// is not the one this grain read (another activation wrote in between).
    /// </summary>
    public Task<long> SaveAsync(TicketState state, string kind, IReadOnlyList<AlertToRaise>? alerts = null) =>
        SaveSerializedAsync(state, StoredJson.Serialize(state), kind, alerts);

    /// <summary><see cref="SaveAsync"/> with the state already serialized (<paramref name="json"/>).</summary>
    public async Task<long> SaveSerializedAsync(TicketState state, string json, string kind,
        IReadOnlyList<AlertToRaise>? alerts = null)
    {
        var eventId = await saves.RunAsync(new PendingSave(state, json, [.. state.NewEntries], kind, alerts ?? []));
        return eventId ?? throw new StoredVersionConflictException("Ticket", state.Id.ToString(), state.Version);
    }

    /// <summary>Notes that the OPD streams have seen <paramref name="version"/>.</summary>
    public Task MarkPublishedAsync(Guid id, int version) => publications.RunAsync((id, version));

    public async ValueTask DisposeAsync()
    {
        await saves.DisposeAsync();
        await publications.DisposeAsync();
    }

    /// <summary>
    /// One transaction: every ticket's row first (a save whose version check finds nothing to update writes nothing
    /// more: its answer is null), then the timeline rows of those written, then, under the feed locks, their events and
    /// alerts and the commit (two round trips in all).
    /// </summary>
    private async Task<IReadOnlyList<long?>> SaveManyAsync(IReadOnlyList<PendingSave> pending)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        // Rows are written in id order, the order in which marking published locks them: the two never deadlock.
        var order = Enumerable.Range(0, pending.Count).OrderBy(i => pending[i].State.Id).ToArray();
        var written = new List<int>(pending.Count);
        await using (var rows = new NpgsqlBatch(connection, transaction))
        {
            foreach (var i in order)
                rows.BatchCommands.Add(RowWrite(pending[i]));
            await rows.ExecuteNonQueryAsync();
            for (var k = 0; k < order.Length; k++)
            {
                if (rows.BatchCommands[k].RecordsAffected == 1)
                    written.Add(order[k]);
            }
        }

        // The timeline rows, the feed locks, the feed rows and the commit go in one round trip: the locks are taken right
        // before the feed rows and held only while PostgreSQL runs the rest of the batch, its commit included.
        var eventIds = new long?[pending.Count];
        if (written.Count == 0)
        {
            await transaction.RollbackAsync(); // nothing was written
            return eventIds;
        }

        await using (var rest = new NpgsqlBatch(connection, transaction))
        {
            foreach (var i in written.Where(i => pending[i].Entries.Count > 0))
                rest.BatchCommands.Add(TimelineRows.InsertCommand(pending[i].State.Id, pending[i].Entries));
            var alerts = written.SelectMany(i => pending[i].Alerts.Select(a => (Save: pending[i], Alert: a))).ToList();
            rest.BatchCommands.Add(Feeds.FeedLocks.Take(Feeds.FeedLocks.TicketEvents));
            if (alerts.Count > 0)
                rest.BatchCommands.Add(Feeds.FeedLocks.Take(Feeds.FeedLocks.Alerts));
            var locks = alerts.Count > 0 ? 2 : 1;
            foreach (var i in written)
                rest.BatchCommands.Add(EventInsert(pending[i]));
            foreach (var (save, alert) in alerts)
                rest.BatchCommands.Add(AlertStore.Insert(alert, save.State.Id, save.State.Number));
            rest.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));

            // Result sets come only from the lock selects and the event inserts (RETURNING id), in that order.
            await using var reader = await rest.ExecuteReaderAsync();
            for (var n = 1; n < locks; n++)
                await reader.NextResultAsync();
            foreach (var i in written)
            {
                await reader.NextResultAsync();
                await reader.ReadAsync();
                eventIds[i] = reader.GetInt64(0);
            }
            // The commit's outcome: a failure there is thrown here, before any id is answered.
            while (await reader.NextResultAsync())
            {
            }
        }

        return eventIds;
    }

    private static NpgsqlBatchCommand RowWrite(PendingSave save)
    {
        var command = new NpgsqlBatchCommand(save.State.Version == 1 ? Insert : Update);
        AddRow(command.Parameters, save.State, save.Json);
        return command;
    }

    /// <summary>The parameters of a ticket's row: `@id` and those of <see cref="Columns"/>.</summary>
    internal static void AddRow(NpgsqlParameterCollection parameters, TicketState state, string json)
    {
        parameters.AddWithValue("id", state.Id);
        parameters.AddWithValue("number", state.Number);
        parameters.AddWithValue("version", state.Version);
        parameters.AddWithValue("state", NpgsqlDbType.Jsonb, json);
        parameters.AddWithValue("status", state.Status.Code());
        parameters.AddWithValue("category", state.Category);
        parameters.AddWithValue("priority", state.Priority.ToString());
        parameters.AddWithValue("opd", (object?)state.Opd ?? DBNull.Value);
        parameters.AddWithValue("supporting_opds", state.SupportingOpds.ToArray());
        parameters.AddWithValue("description", state.Description);
        parameters.AddWithValue("address", (object?)state.Location.Address ?? DBNull.Value);
        parameters.AddWithValue("created_at", state.CreatedAt);
        parameters.AddWithValue("updated_at", state.UpdatedAt);
        parameters.AddWithValue("next_deadline", (object?)state.NextDeadline ?? DBNull.Value);
        AddStepTimes(parameters, state);
    }

    /// <summary>The step times and breach count reports read (`tickets` columns of migration 0009).</summary>
    private static void AddStepTimes(NpgsqlParameterCollection parameters, TicketState state)
    {
        static object Time(DateTimeOffset? at) => (object?)at ?? DBNull.Value;
        parameters.AddWithValue("escalated_at", Time(state.EscalatedAt));
        parameters.AddWithValue("first_escalated_at", Time(state.FirstEscalatedAt));
        parameters.AddWithValue("acknowledged_at", Time(state.AcknowledgedAt));
        parameters.AddWithValue("on_scene_at", Time(state.OnSceneAt));
        parameters.AddWithValue("resolved_at", Time(state.ResolvedAt));
        parameters.AddWithValue("closed_at", Time(state.ClosedAt));
        parameters.AddWithValue("cancelled_at", Time(state.CancelledAt));
        parameters.AddWithValue("breach_count", state.Breaches.Count);
    }

    private static NpgsqlBatchCommand EventInsert(PendingSave save)
    {
        var state = save.State;
        var command = new NpgsqlBatchCommand(InsertEvent);
        command.Parameters.AddWithValue("ticket_id", state.Id);
        command.Parameters.AddWithValue("version", state.Version);
        command.Parameters.AddWithValue("number", state.Number);
        command.Parameters.AddWithValue("kind", save.Kind);
        command.Parameters.AddWithValue("status", state.Status.Code());
        command.Parameters.AddWithValue("opd", (object?)state.Opd ?? DBNull.Value);
        command.Parameters.AddWithValue("supporting_opds", state.SupportingOpds.ToArray());
        command.Parameters.AddWithValue("at", state.UpdatedAt);
        return command;
    }

    /// <summary>
    /// Notes the newest version given per ticket. Marks run beside the saves of the same tickets (the grain does not
    /// wait for them), so the rows are locked first, in the id order the saves write them in, then updated: one
    /// implicit transaction, one round trip.
    /// </summary>
    private async Task<IReadOnlyList<bool>> MarkManyPublishedAsync(IReadOnlyList<(Guid Id, int Version)> marks)
    {
        var newest = marks.GroupBy(m => m.Id).Select(g => (Id: g.Key, Version: g.Max(m => m.Version))).OrderBy(m => m.Id).ToArray();
        await using var batch = database.CreateBatch();
        var ids = new NpgsqlParameter<Guid[]> { TypedValue = [.. newest.Select(m => m.Id)] };
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT t.id FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n) JOIN tickets t ON t.id = u.id
            ORDER BY u.n
            FOR UPDATE OF t
            """) { Parameters = { ids } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            UPDATE tickets t SET published_version = m.version
            FROM unnest($1::uuid[], $2::int[]) AS m(id, version)
            WHERE t.id = m.id AND t.published_version < m.version
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid[]> { TypedValue = ids.TypedValue },
                new NpgsqlParameter<int[]> { TypedValue = [.. newest.Select(m => m.Version)] },
            },
        });
        await batch.ExecuteNonQueryAsync();
        return [.. marks.Select(_ => true)];
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

    /// <summary>The read-model columns of `tickets` (besides id), in the order of <see cref="Values"/>.</summary>
    internal const string Columns =
        "number, version, state, status, category, priority, opd, supporting_opds, description, address, created_at, " +
        "updated_at, next_deadline, escalated_at, first_escalated_at, acknowledged_at, on_scene_at, resolved_at, closed_at, " +
        "cancelled_at, breach_count";

    internal const string Values =
        "@number, @version, @state, @status, @category, @priority, @opd, @supporting_opds, @description, @address, " +
        "@created_at, @updated_at, @next_deadline, @escalated_at, @first_escalated_at, @acknowledged_at, @on_scene_at, " +
        "@resolved_at, @closed_at, @cancelled_at, @breach_count";

    private const string Insert = $"""
        INSERT INTO tickets (id, {Columns})
        VALUES (@id, {Values})
        ON CONFLICT (id) DO NOTHING
        """;

    private const string Update = """
        UPDATE tickets
        SET version = @version, state = @state, status = @status, category = @category, priority = @priority,
            opd = @opd, supporting_opds = @supporting_opds, description = @description, address = @address,
            updated_at = @updated_at, next_deadline = @next_deadline, escalated_at = @escalated_at,
            first_escalated_at = @first_escalated_at, acknowledged_at = @acknowledged_at, on_scene_at = @on_scene_at,
            resolved_at = @resolved_at, closed_at = @closed_at, cancelled_at = @cancelled_at, breach_count = @breach_count
        WHERE id = @id AND version = @version - 1
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{What} {Count} tickets in one transaction failed: none of it was stored")]
    private static partial void LogBatchFailed(ILogger logger, string what, int count, Exception exception);
}

/// <summary>
/// A save waiting for its transaction; the state is serialized and its new timeline entries copied when given (the grain
/// may change it after).
/// </summary>
internal sealed record PendingSave(TicketState State, string Json, IReadOnlyList<TimelineRow> Entries, string Kind,
    IReadOnlyList<AlertToRaise> Alerts);
