using Npgsql;

namespace Bengkulu112.Api.Streaming;

public static class EventTables
{
    /// <summary>
    /// The newest visible id of an event table: where a feed opened without `Last-Event-ID` starts ("from now").
    /// An event still being committed has a larger id (FeedLocks), so it is streamed once visible.
    /// </summary>
    public static async Task<long> LatestIdAsync(NpgsqlDataSource database, string table, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT COALESCE(MAX(id), 0) FROM {table}");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
