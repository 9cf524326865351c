using System.Security.Claims;
using System.Text.Json;
using Bengkulu112.Api.Auth;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Api.Audit;

/// <summary>
/// Who changed what outside a ticket's own timeline: OPDs, routing, caller flags, webhooks, accounts, sign-ins and
/// passwords (table `app_audit`). Rows name people by username (`actor`) and display name (`actor_name`, null for
/// programs and for rows written before accounts existed).
/// Written after the change succeeded; a failure surfaces as 503 so the (idempotent) change is retried and audited.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource database, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>A change made by the signed-in <paramref name="user"/>.</summary>
    public Task RecordAsync(ClaimsPrincipal user, string action, string subject, object? details = null) =>
        RecordAsync(user.Actor(), user.ActorName(), action, subject, details);

    public async Task RecordAsync(string actor, string? actorName, string action, string subject, object? details = null)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO app_audit (actor, action, subject, details, actor_name) VALUES ($1, $2, $3, $4, $5)");
        command.Parameters.AddWithValue(actor);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(subject);
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Jsonb,
            Value = details is null ? DBNull.Value : JsonSerializer.Serialize(details, json.Value.SerializerOptions),
        });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)actorName ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    public sealed record Entry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, JsonElement? Details,
        string? ActorName);

    /// <summary>The subject prefix of entries about a caller: their subject is the caller's phone number.</summary>
    public const string CallerSubjectPrefix = "caller:";

    /// <summary>
    /// Newest first, optionally for one subject; <paramref name="before"/> is the last id of the previous page. Entries
    /// about callers are left out unless <paramref name="withCallers"/>: their subjects are phone numbers.
    /// </summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(string? subject, long? before, int limit, bool withCallers)
    {
        await using var command = database.CreateCommand($"""
            SELECT id, at, actor, action, subject, details::text, actor_name FROM app_audit
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
                reader.IsDBNull(5) ? null : JsonDocument.Parse(reader.GetString(5)).RootElement.Clone(),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return entries;
    }
}
