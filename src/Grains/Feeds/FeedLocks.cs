using Npgsql;

namespace Bengkulu112.Feeds;

/// <summary>
/// Feeds read event tables as "everything after the last id I saw". A bigserial id is taken at insert time, so two
/// transactions could commit out of id order and a reader would skip the later-committed smaller id forever. Writers
/// therefore take this transaction-scoped advisory lock right before inserting a feed row: ids then become visible in
/// order. It is held only for the insert and the commit.
/// </summary>
public static class FeedLocks
{
    public const long TicketEvents = 0x4231_3132_5445_5654; // "B112TEVT"
    public const long Alerts = 0x4231_3132_414C_5254;       // "B112ALRT"

    private const string Lock = "SELECT pg_advisory_xact_lock($1)";

    public static async Task TakeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long key)
    {
        await using var command = new NpgsqlCommand(Lock, connection, transaction);
        command.Parameters.AddWithValue(key);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The statement taking lock <paramref name="key"/>, to run in the writer's batch right before its feed rows.</summary>
    public static NpgsqlBatchCommand Take(long key)
    {
        var command = new NpgsqlBatchCommand(Lock);
        command.Parameters.AddWithValue(key);
        return command;
    }
}
