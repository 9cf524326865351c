using Bengkulu112.Calls;
using Bengkulu112.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Callers;

/// <summary>
/// Reads and writes caller grains' state in `callers`, and reads back their recent calls from `calls`. A recorded call
/// changes its caller in the call's own transaction (<see cref="IntakeBatcher"/>); classifications and supervisors'
/// flags are written here.
/// </summary>
public sealed partial class CallerStore : IAsyncDisposable
{
    /// <summary>The most callers one read fetches.</summary>
    public const int MaxBatch = 256;

    private readonly NpgsqlDataSource database;
    private readonly IOptions<ScreeningOptions> options;
    private readonly TimeProvider time;
    private readonly Batcher<string, Stored?> loads;

    public CallerStore(NpgsqlDataSource database, IOptions<ScreeningOptions> options, TimeProvider time,
        ILogger<CallerStore> logger)
    {
        this.database = database;
        this.options = options;
        this.time = time;
        // Every caller grain activated by a call reads its state first: activations at the same moment share one read.
        loads = new Batcher<string, Stored?>(LoadManyAsync, (count, exception) => LogLoadFailed(logger, count, exception),
            MaxBatch, maxConcurrent: 2);
    }

    /// <summary>A caller's stored state and version, and its recent calls as `calls` has them (unclassified).</summary>
    public sealed record Stored(CallerState State, int Version, IReadOnlyList<RecordedCall> RecentCalls);

    /// <summary>
    /// The caller's state with its recent calls (every call received inside the screening window and the newest
    /// <see cref="ScreeningOptions.NewestKept"/> before it), or null when this number has none stored.
    /// </summary>
    public Task<Stored?> LoadAsync(string number) => loads.RunAsync(number);

    public ValueTask DisposeAsync() => loads.DisposeAsync();

    private async Task<IReadOnlyList<Stored?>> LoadManyAsync(IReadOnlyList<string> numbers)
    {
        var screening = options.Value;
        await using var command = database.CreateCommand(Load);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. numbers.Distinct()] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() - screening.Window });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = screening.NewestKept });
        var found = new Dictionary<string, Stored>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var recent = new List<RecordedCall>();
                if (!reader.IsDBNull(3))
                {
                    var ids = reader.GetFieldValue<Guid[]>(3);
                    var received = reader.GetFieldValue<DateTime[]>(4);
                    for (var i = 0; i < ids.Length; i++)
                        recent.Add(new RecordedCall(ids[i], new DateTimeOffset(received[i], TimeSpan.Zero), null));
                }
                found[reader.GetString(0)] = new Stored(StoredJson.Deserialize<CallerState>(reader.GetString(1)),
                    reader.GetInt32(2), recent);
            }
        }
        return [.. numbers.Select(n => found.GetValueOrDefault(n))];
    }

    /// <summary>
    /// Each stored caller of $1 with its calls received after $2 and the newest $3 of those received before (a few
    /// more than the grain keeps when the window alone holds $3: it drops them), both read from the index
    /// `ix_calls_caller_received` (0017) alone; a number never stored costs no read of `calls`. Imported calls are
    /// history, not intake: they never change a caller's screening (API.md "History import"), so they are left out.
    /// </summary>
    private const string Load = """
        SELECT c.number, c.state::text, c.version, r.ids, r.received
        FROM callers c
        LEFT JOIN LATERAL (
            SELECT array_agg(k.id) AS ids, array_agg(k.received_at) AS received
            FROM (
                SELECT id, received_at FROM calls
                WHERE caller_number = c.number AND import_id IS NULL AND received_at > $2
                UNION ALL
                (SELECT id, received_at FROM calls
                 WHERE caller_number = c.number AND import_id IS NULL AND received_at <= $2
                 ORDER BY received_at DESC, id DESC
                 LIMIT $3)
            ) AS k
        ) AS r ON true
        WHERE c.number = ANY($1)
        """;

    /// <summary>
    /// Writes <paramref name="state"/> as <paramref name="version"/> over the stored <paramref name="version"/> − 1
    /// (none stored for version 1); throws <see cref="StoredVersionConflictException"/> when that is not what is stored.
    /// </summary>
    public async Task SaveAsync(string number, CallerState state, int version)
    {
        await using var command = database.CreateCommand(Save);
        AddSaveParameters(command.Parameters, number, state, version);
        if (await command.ExecuteNonQueryAsync() != 1)
            throw new StoredVersionConflictException("Caller", PhoneNumberMask.Mask(number), version);
    }

    /// <summary>
    /// Writes a classified call (<see cref="CallStore.UpdateCommand"/>) and, when its classification changes the
    /// caller's counts, <paramref name="state"/> as <paramref name="version"/>, in one transaction: a version conflict
    /// of either throws <see cref="StoredVersionConflictException"/> and writes neither. The call's row comes first,
    /// as in an intake's transaction (<see cref="IntakeBatcher"/>), so the two never wait for each other's locks.
    /// </summary>
    public async Task SaveWithCallAsync(string number, CallerState? state, int version, Guid callId, CallState call,
        int callVersion)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(CallStore.UpdateCommand(callId, call, callVersion));
        if (state is not null)
        {
            var caller = new NpgsqlBatchCommand(Save);
            AddSaveParameters(caller.Parameters, number, state, version);
            batch.BatchCommands.Add(caller);
        }
        await batch.ExecuteNonQueryAsync();
        // Leaving without a commit rolls the transaction back.
        if (batch.BatchCommands[0].RecordsAffected != 1)
            throw new StoredVersionConflictException("Call", callId.ToString(), callVersion);
        if (state is not null && batch.BatchCommands[1].RecordsAffected != 1)
            throw new StoredVersionConflictException("Caller", PhoneNumberMask.Mask(number), version);
        await transaction.CommitAsync();
    }

    private static void AddSaveParameters(NpgsqlParameterCollection parameters, string number, CallerState state, int version)
    {
        parameters.AddWithValue("number", number);
        parameters.AddWithValue("state", NpgsqlDbType.Jsonb, StoredJson.Serialize(state));
        parameters.AddWithValue("version", version);
    }

    /// <summary>
    /// Inserts the caller at version 1 or moves it on by one version; the conflict clause's condition finds nothing to
    /// update when the stored version is not the one before (<see cref="IntakeBatcher"/> checks it the same way).
    /// </summary>
    private const string Save = """
        INSERT INTO callers AS c (number, state, version) VALUES (@number, @state, @version)
        ON CONFLICT (number) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
        WHERE c.version = EXCLUDED.version - 1
        """;

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading {Count} callers failed")]
    private static partial void LogLoadFailed(ILogger logger, int count, Exception exception);
}
