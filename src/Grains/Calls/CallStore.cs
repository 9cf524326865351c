using Bengkulu112.Common;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Calls;

/// <summary>
/// Reads calls and writes their classification. A call's `calls` row holds its state (the source of truth) and the
/// read-model columns reports query, written by the same statement. Calls are inserted by <see cref="Callers.IntakeBatcher"/>,
/// together with their caller (a call without a number alone).
/// </summary>
public sealed class CallStore(NpgsqlDataSource database)
{
    public sealed record Stored(CallState State, int Version);

    /// <summary>The call, or null when none with a state is stored under <paramref name="callId"/>.</summary>
    public async Task<Stored?> LoadAsync(Guid callId)
    {
        await using var command = database.CreateCommand("SELECT state::text, version FROM calls WHERE id = $1 AND state IS NOT NULL");
        command.Parameters.AddWithValue(callId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new Stored(StoredJson.Deserialize<CallState>(reader.GetString(0)), reader.GetInt32(1));
    }

    /// <summary>
    /// Writes <paramref name="call"/> as <paramref name="version"/> over the stored <paramref name="version"/> − 1;
    /// throws <see cref="StoredVersionConflictException"/> when that is no longer the stored version.
    /// </summary>
    public async Task UpdateAsync(Guid callId, CallState call, int version)
    {
        await using var command = database.CreateCommand(Update);
        AddUpdateParameters(command.Parameters, callId, call, version);
        if (await command.ExecuteNonQueryAsync() != 1)
            throw new StoredVersionConflictException("Call", callId.ToString(), version);
    }

    /// <summary>
    /// The statement of <see cref="UpdateAsync"/> for another store's transaction (a classification counted by the
    /// caller, <see cref="Callers.CallerStore.SaveWithCallAsync"/>); it changed one row when the version was the one before.
    /// </summary>
    public static NpgsqlBatchCommand UpdateCommand(Guid callId, CallState call, int version)
    {
        var command = new NpgsqlBatchCommand(Update);
        AddUpdateParameters(command.Parameters, callId, call, version);
        return command;
    }

    private static void AddUpdateParameters(NpgsqlParameterCollection parameters, Guid callId, CallState call, int version)
    {
        parameters.AddWithValue("id", callId);
        parameters.AddWithValue("version", version);
        parameters.AddWithValue("state", NpgsqlDbType.Jsonb, StoredJson.Serialize(call));
        parameters.AddWithValue("classification", call.Classification is { } c ? ClassificationCodes.Code(c) : DBNull.Value);
        parameters.AddWithValue("classified_at", (object?)call.ClassifiedAt ?? DBNull.Value);
        parameters.AddWithValue("ticket_id", (object?)call.TicketId ?? DBNull.Value);
        parameters.AddWithValue("opened_ticket", call.OpenedTicket);
    }

    private const string Update = """
        UPDATE calls
        SET state = @state, version = @version, classification = @classification, classified_at = @classified_at,
            ticket_id = @ticket_id, opened_ticket = @opened_ticket
        WHERE id = @id AND version = @version - 1
        """;
}
