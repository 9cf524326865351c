using Bengkulu112.Calls;
using Bengkulu112.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Callers;

/// <summary>
/// Commits the writes of concurrent call intakes together: each <see cref="IntakeWrite"/> (the calls a caller grain had
/// queued, with its screening, or one call without a number) is stored whole, and every write waiting when a commit
/// starts shares that transaction (group commit). A grain answers its call takers only after the commit that holds
/// their calls, so nothing is acknowledged unstored; a failed commit fails every call in it, and none of them is stored.
/// </summary>
/// <remarks>
/// A commit waits for the disk; the intakes arriving meanwhile are the next batch. One transaction per intake would
/// make the disk's flushes the ceiling of the whole call center's intake.
/// </remarks>
public sealed partial class IntakeBatcher : IAsyncDisposable
{
    /// <summary>The most writes one transaction holds (and the most calls a caller grain puts in one write).</summary>
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
    /// Writes the batch in one transaction. A write that cannot be stored whole (a call id stored already, or a caller
    /// conflict) leaves part of itself written by its statements, so the transaction is rolled back and written again
    /// without that write: what commits is whole for every write in it.
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
                AddStatements(batch, writes[i]);

            var results = new IntakeOutcome[attempt.Count];
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                var first = true;
                for (var n = 0; n < attempt.Count; n++)
                {
                    var write = writes[attempt[n]];
                    var callsInserted = true;
                    foreach (var _ in write.Calls)
                        callsInserted &= await NextRowAsync(reader, ref first);
                    var callerWritten = write.CallerNumber is null || await NextRowAsync(reader, ref first);
                    results[n] = !callsInserted ? IntakeOutcome.CallExists
                        : callerWritten ? IntakeOutcome.Recorded
                        : IntakeOutcome.CallerConflict;
                }
            }

            if (results.Any(r => r != IntakeOutcome.Recorded))
            {
                await transaction.RollbackAsync();
                for (var n = 0; n < attempt.Count; n++)
                {
                    if (results[n] != IntakeOutcome.Recorded)
                        outcomes[attempt[n]] = results[n];
                }
                continue;
            }

            await transaction.CommitAsync();
            for (var n = 0; n < attempt.Count; n++)
                outcomes[attempt[n]] = results[n];
        }
    }

    /// <summary>Moves to the next statement's result and answers whether it returned a row (was written).</summary>
    private static Task<bool> NextRowAsync(NpgsqlDataReader reader, ref bool first)
    {
        var isFirst = first;
        first = false;
        return isFirst ? reader.ReadAsync() : NextThenReadAsync(reader);
    }

    private static async Task<bool> NextThenReadAsync(NpgsqlDataReader reader)
    {
        await reader.NextResultAsync();
        return await reader.ReadAsync();
    }

    /// <summary>Each call, then its caller (when it has a number) with the version check of <see cref="CallerStore"/>.</summary>
    private static void AddStatements(NpgsqlBatch batch, IntakeWrite write)
    {
        foreach (var (callId, call) in write.Calls)
        {
            var command = new NpgsqlBatchCommand(InsertCall);
            command.Parameters.Add(new NpgsqlParameter<Guid>("id", callId));
            command.Parameters.Add(new NpgsqlParameter<string?>("caller_number", call.CallerNumber) { IsNullable = true });
            command.Parameters.Add(new NpgsqlParameter<string>("caller_id", CallerIdCodes.Code(call.CallerId)));
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("received_at", call.ReceivedAt));
            command.Parameters.Add(new NpgsqlParameter<string>("channel", call.Channel.ToString().ToLowerInvariant()));
            command.Parameters.Add(new NpgsqlParameter<string>("call_taker", call.CallTaker));
            command.Parameters.Add(new NpgsqlParameter<string>("state", NpgsqlDbType.Jsonb) { TypedValue = StoredJson.Serialize(call) });
            batch.BatchCommands.Add(command);
        }
        if (write.CallerNumber is not { } number)
            return;
        var caller = new NpgsqlBatchCommand(WriteCaller);
        caller.Parameters.Add(new NpgsqlParameter<string>("number", number));
        caller.Parameters.Add(new NpgsqlParameter<string>("state", NpgsqlDbType.Jsonb) { TypedValue = StoredJson.Serialize(write.Caller) });
        caller.Parameters.Add(new NpgsqlParameter<int>("version", write.CallerVersion));
        batch.BatchCommands.Add(caller);
    }

    /// <summary>The call, answering its id when it was written (a repeated id changes nothing).</summary>
    private const string InsertCall = """
        INSERT INTO calls (id, caller_number, caller_id, received_at, channel, call_taker, state, version)
        VALUES (@id, @caller_number, @caller_id, @received_at, @channel, @call_taker, @state, 1)
        -- A row without state is all an older version left of a call whose recording failed half-way: complete it.
        ON CONFLICT (id) DO UPDATE
        SET caller_number = EXCLUDED.caller_number, caller_id = EXCLUDED.caller_id, received_at = EXCLUDED.received_at,
            channel = EXCLUDED.channel, call_taker = EXCLUDED.call_taker, state = EXCLUDED.state, version = 1
        WHERE calls.state IS NULL
        RETURNING id
        """;

    /// <summary>The caller moved on by one version (inserted at version 1), answering its number when written.</summary>
    private const string WriteCaller = """
        INSERT INTO callers AS c (number, state, version) VALUES (@number, @state, @version)
        ON CONFLICT (number) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
        WHERE c.version = EXCLUDED.version - 1
        RETURNING number
        """;

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} call intakes failed; none of them was recorded")]
    private static partial void LogCommitFailed(ILogger logger, int count, Exception exception);
}
