using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Api.Audit;

/// <summary>
/// Who changed what outside a ticket's own timeline: OPDs, routing, caller flags, webhooks (table `app_audit`).
/// Written after the change succeeded; a failure surfaces as 503 so the (idempotent) change is retried and audited.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource database, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public async Task RecordAsync(string actor, string action, string subject, object? details = null)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO app_audit (actor, action, subject, details) VALUES ($1, $2, $3, $4)");
        command.Parameters.AddWithValue(actor);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(subject);
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Jsonb,
            Value = details is null ? DBNull.Value : JsonSerializer.Serialize(details, json.Value.SerializerOptions),
        });
        await command.ExecuteNonQueryAsync();
    }

    public sealed record Entry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, JsonElement? Details);

    /// <summary>The subject prefix of entries about a caller: their subject is the caller's phone number.</summary>
    public const string CallerSubjectPrefix = "caller:";

    /// <summary>
    /// Newest first, optionally for one subject; <paramref name="before"/> is the last id of the previous page. Entries
    /// about callers are left out unless <paramref name="withCallers"/>: their subjects are phone numbers.
    /// </summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(string? subject, long? before, int limit, bool withCallers)
    {
        await using var command = database.CreateCommand($"""
            SELECT id, at, actor, action, subject, details::text FROM app_audit
            WHERE ($1::text IS NULL OR subject = $1) AND ($2::bigint IS NULL OR id < $2)
              AND ($4 OR subject NOT LIKE '{CallerSubjectPrefix}%')
            ORDER BY id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)subject ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)before ?? DBNull.Value });
        command.Parameters.AddWithValue(limit);
        command.Parameters.AddWithValue(withCallers);
        var entries = new List<Entry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new Entry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : JsonDocument.Parse(reader.GetString(5)).RootElement.Clone()));
        }
        return entries;
    }
}
