using Bengkulu112.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Callers;

/// <summary>
/// Reads and writes caller grains' state in `callers`. A recorded call changes its caller in the call's own
/// transaction (<see cref="IntakeBatcher"/>); classifications and supervisors' flags are written here.
/// </summary>
public sealed partial class CallerStore : IAsyncDisposable
{
    /// <summary>The most callers one read fetches.</summary>
    public const int MaxBatch = 256;

    private readonly NpgsqlDataSource database;
    private readonly Batcher<string, Stored?> loads;

    public CallerStore(NpgsqlDataSource database, ILogger<CallerStore> logger)
    {
        this.database = database;
        // Every caller grain activated by a call reads its state first: activations at the same moment share one read.
        loads = new Batcher<string, Stored?>(LoadManyAsync, (count, exception) => LogLoadFailed(logger, count, exception),
            MaxBatch, maxConcurrent: 2);
    }

    public sealed record Stored(CallerState State, int Version);

    /// <summary>The caller's state, or null when this number has none stored.</summary>
    public Task<Stored?> LoadAsync(string number) => loads.RunAsync(number);

    public ValueTask DisposeAsync() => loads.DisposeAsync();

    private async Task<IReadOnlyList<Stored?>> LoadManyAsync(IReadOnlyList<string> numbers)
    {
        await using var command = database.CreateCommand(
            "SELECT number, state::text, version FROM callers WHERE number = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]>() { TypedValue = [.. numbers.Distinct()] });
        var found = new Dictionary<string, Stored>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                found[reader.GetString(0)] = new Stored(StoredJson.Deserialize<CallerState>(reader.GetString(1)), reader.GetInt32(2));
        }
        return [.. numbers.Select(n => found.GetValueOrDefault(n))];
    }

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
