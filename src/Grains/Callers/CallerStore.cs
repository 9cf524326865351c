using Bengkulu112.Common;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Callers;

/// <summary>
/// Reads and writes caller grains' state in `callers`. A recorded call changes its caller in the call's own
/// transaction (<see cref="Calls.IntakeBatcher"/>); classifications and supervisors' flags are written here.
/// </summary>
public sealed class CallerStore(NpgsqlDataSource database)
{
    public sealed record Stored(CallerState State, int Version);

    /// <summary>The caller's state, or null when this number has none stored.</summary>
    public async Task<Stored?> LoadAsync(string number)
    {
        await using var command = database.CreateCommand("SELECT state::text, version FROM callers WHERE number = $1");
        command.Parameters.AddWithValue(number);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Stored(StoredJson.Deserialize<CallerState>(reader.GetString(0)), reader.GetInt32(1));
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
    /// update when the stored version is not the one before (<see cref="Calls.IntakeBatcher"/> checks it the same way).
    /// </summary>
    private const string Save = """
        INSERT INTO callers AS c (number, state, version) VALUES (@number, @state, @version)
        ON CONFLICT (number) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version
        WHERE c.version = EXCLUDED.version - 1
        """;
}
