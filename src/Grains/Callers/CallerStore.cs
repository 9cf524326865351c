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
    /// <see cref="ScreeningOptions.NewestKept"/> ones), or null when this number has none stored.
    /// </summary>
    public Task<Stored?> LoadAsync(string number) => loads.RunAsync(number);

    public ValueTask DisposeAsync() => loads.DisposeAsync();

    private async Task<IReadOnlyList<Stored?>> LoadManyAsync(IReadOnlyList<string> numbers)
    {
        var distinct = numbers.Distinct().ToArray();
        var screening = options.Value;
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT number, state::text, version FROM callers WHERE number = ANY($1)")
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = distinct } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(LoadRecentCalls)
        {
            Parameters =
            {
                new NpgsqlParameter<string[]> { TypedValue = distinct },
                new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() - screening.Window },
                new NpgsqlParameter<int> { TypedValue = screening.NewestKept },
            },
        });

        var states = new Dictionary<string, (CallerState State, int Version)>(StringComparer.Ordinal);
        var recent = new Dictionary<string, List<RecordedCall>>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                states[reader.GetString(0)] = (StoredJson.Deserialize<CallerState>(reader.GetString(1)), reader.GetInt32(2));
            await reader.NextResultAsync();
            while (await reader.ReadAsync())
            {
                var number = reader.GetString(0);
                if (!recent.TryGetValue(number, out var calls))
                    recent[number] = calls = [];
                calls.Add(new RecordedCall(reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), null));
            }
        }
        return [.. numbers.Select(n => states.TryGetValue(n, out var s)
            ? new Stored(s.State, s.Version, recent.GetValueOrDefault(n) ?? [])
            : null)];
    }

    /// <summary>
    /// Each number's calls received after $2 and its newest $3 ones, as the caller grain keeps them (ordered by received
    /// time, then id). Imported calls are history, not intake: they never change a caller's screening (API.md "History
    /// import"), so they are left out. Both reads walk `ix_calls_caller_received` (0017).
    /// </summary>
    private const string LoadRecentCalls = """
        SELECT n.number, r.id, r.received_at
        FROM unnest($1::text[]) AS n(number)
        CROSS JOIN LATERAL (
            SELECT k.id, k.received_at FROM calls k
            WHERE k.caller_number = n.number AND k.import_id IS NULL AND k.received_at > $2
            UNION
            (SELECT k.id, k.received_at FROM calls k
             WHERE k.caller_number = n.number AND k.import_id IS NULL
             ORDER BY k.received_at DESC, k.id DESC
             LIMIT $3)
        ) AS r
        """;

    /// <summary>
    /// Writes <paramref name="state"/> as <paramref name="version"/> over the stored <paramref name="version"/> − 1
    /// (none stored for version 1); throws <see cref="StoredVersionConflictException"/> when that is not what is stored.
    /// </summary>
    public async Task SaveAsync(string number, CallerState state, int version)
    {
        await using var command = database.CreateCommand(Save);
        command.Parameters.AddWithValue("number", number);
        command.Parameters.AddWithValue("state", NpgsqlDbType.Jsonb, StoredJson.Serialize(state));
        command.Parameters.AddWithValue("version", version);
        if (await command.ExecuteNonQueryAsync() != 1)
            throw new StoredVersionConflictException("Caller", PhoneNumberMask.Mask(number), version);
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
