using Bengkulu112.Callers;
using Bengkulu112.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Calls;

/// <summary>
/// Commits the writes of concurrent call intakes together: each call is stored with its caller's screening in one
/// statement, and every intake waiting when a commit starts shares that transaction (group commit). A caller grain
/// answers its call taker only after the commit that holds its call, so nothing is acknowledged unstored; a failed
/// commit fails every intake in it, and none of them is stored.
/// </summary>
/// <remarks>
/// A commit waits for the disk; the intakes arriving meanwhile are the next batch. One transaction per intake would
/// make the disk's flushes the ceiling of the whole call center's intake.
/// </remarks>
public sealed partial class IntakeBatcher : IAsyncDisposable
{
    /// <summary>The most intakes one transaction holds.</summary>
    public const int MaxBatch = 256;

    /// <summary>Transactions in flight at once: the next batch gathers while one waits for its commit.</summary>
    public const int MaxConcurrentCommits = 2;

    private readonly NpgsqlDataSource database;
    private readonly Batcher<IntakeWrite, IntakeOutcome> batcher;

    public IntakeBatcher(NpgsqlDataSource database, ILogger<IntakeBatcher> logger)
    {
        this.database = database;
        batcher = new Batcher<IntakeWrite, IntakeOutcome>(WriteAsync,
            (count, exception) => LogCommitFailed(logger, count, exception), MaxBatch, MaxConcurrentCommits);
    }

    /// <summary>Stores <paramref name="write"/> in the next transaction; completes once that transaction ended.</summary>
    public Task<IntakeOutcome> CommitAsync(IntakeWrite write) => batcher.RunAsync(write);

    /// <summary>Stops taking intakes and waits for those already taken to be committed.</summary>
    public ValueTask DisposeAsync() => batcher.DisposeAsync();

    /// <summary>
    /// Writes the batch in one transaction. A caller conflict leaves its call inserted by the statement, so the
    /// transaction is rolled back and written again without that intake: what commits is whole for every intake in it.
    /// </summary>
    private async Task<IReadOnlyList<IntakeOutcome>> WriteAsync(IReadOnlyList<IntakeWrite> writes)
    {
        var outcomes = new IntakeOutcome?[writes.Count];
        while (true)
        {
            var attempt = Enumerable.Range(0, writes.Count).Where(i => outcomes[i] is null).ToList();
            if (attempt.Count == 0)
                return [.. outcomes.Select(o => o!.Value)];

            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var i in attempt)
                batch.BatchCommands.Add(Statement(writes[i]));

            var results = new IntakeOutcome[attempt.Count];
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                for (var n = 0; n < attempt.Count; n++)
                {
                    if (n > 0)
                        await reader.NextResultAsync();
                    await reader.ReadAsync();
                    var callInserted = reader.GetBoolean(0);
                    var callerWritten = reader.GetBoolean(1);
                    results[n] = !callInserted ? IntakeOutcome.CallExists
                        : callerWritten ? IntakeOutcome.Recorded
                        : IntakeOutcome.CallerConflict;
                }
            }

            if (results.Contains(IntakeOutcome.CallerConflict))
            {
                await transaction.RollbackAsync();
                for (var n = 0; n < attempt.Count; n++)
                {
                    if (results[n] == IntakeOutcome.CallerConflict)
                        outcomes[attempt[n]] = IntakeOutcome.CallerConflict;
                }
                continue;
            }

            await transaction.CommitAsync();
            for (var n = 0; n < attempt.Count; n++)
                outcomes[attempt[n]] = results[n];
        }
    }

    private static NpgsqlBatchCommand Statement(IntakeWrite write)
    {
        var call = write.Call;
        var command = new NpgsqlBatchCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", write.CallId));
        command.Parameters.Add(new NpgsqlParameter<string>("caller_number", write.CallerNumber));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("received_at", call.ReceivedAt));
        command.Parameters.Add(new NpgsqlParameter<string>("channel", call.Channel.ToString().ToLowerInvariant()));
        command.Parameters.Add(new NpgsqlParameter<string>("call_taker", call.CallTaker));
        command.Parameters.Add(new NpgsqlParameter<string>("state", NpgsqlDbType.Jsonb) { TypedValue = StoredJson.Serialize(call) });
        command.Parameters.Add(new NpgsqlParameter<string>("caller_state", NpgsqlDbType.Jsonb) { TypedValue = StoredJson.Serialize(write.Caller) });
        command.Parameters.Add(new NpgsqlParameter<int>("caller_version", write.CallerVersion));
        return command;
    }

    /// <summary>
    /// The call, then its caller only when the call was new (a repeated id changes nothing), with the caller's version
    /// check of <see cref="CallerStore"/>; answers whether each was written.
    /// </summary>
    private const string Insert = """
        WITH call AS (
            INSERT INTO calls (id, caller_number, received_at, channel, call_taker, state, version)
            VALUES (@id, @caller_number, @received_at, @channel, @call_taker, @state, 1)
            -- A row without state is all an older version left of a call whose recording failed half-way: complete it.
            ON CONFLICT (id) DO UPDATE
            SET caller_number = EXCLUDED.caller_number, received_at = EXCLUDED.received_at, channel = EXCLUDED.channel,
                call_taker = EXCLUDED.call_taker, state = EXCLUDED.state, version = 1
            WHERE calls.state IS NULL
            RETURNING id),
        caller AS (
            INSERT INTO callers AS c (number, state, version)
            SELECT @caller_number, @caller_state, @caller_version FROM call
            ON CONFLICT (number) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
            WHERE c.version = EXCLUDED.version - 1
            RETURNING number)
        SELECT EXISTS (SELECT FROM call), EXISTS (SELECT FROM caller)
        """;

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} call intakes failed; none of them was recorded")]
    private static partial void LogCommitFailed(ILogger logger, int count, Exception exception);
}
