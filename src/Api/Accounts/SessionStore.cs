using System.Security.Cryptography;
using Npgsql;

namespace Bengkulu112.Api.Accounts;

/// <summary>
/// Sessions and their refresh tokens (`app_sessions`, `app_refresh_tokens`). A refresh token is 32 random bytes the
/// client holds in a cookie; only its SHA-256 is stored. Each is good for one refresh, which hands out the next one of
/// the chain; presenting a used one again means it was copied, and ends the whole session.
/// </summary>
public sealed class SessionStore(NpgsqlDataSource database)
{
    /// <summary>A new session of <paramref name="userId"/> and its first refresh token.</summary>
    public async Task<(Guid SessionId, string RefreshToken, DateTimeOffset ExpiresAt)> StartAsync(Guid userId,
        DateTimeOffset now, TimeSpan lifetime)
    {
        var session = Guid.NewGuid();
        var token = NewToken();
        await using var command = database.CreateCommand("""
            WITH s AS (INSERT INTO app_sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING id)
            INSERT INTO app_refresh_tokens (token_hash, session_id, issued_at) SELECT $5, id, $3 FROM s
            """);
        command.Parameters.AddWithValue(session);
        command.Parameters.AddWithValue(userId);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(now + lifetime);
        command.Parameters.AddWithValue(Hash(token));
        await command.ExecuteNonQueryAsync();
        return (session, token, now + lifetime);
    }

    /// <summary>Uses <paramref name="token"/> once: the next token of its session, or why not.</summary>
    public async Task<Rotation> RotateAsync(string token, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Guid session, user;
        DateTimeOffset expires;
        await using (var read = new NpgsqlCommand("""
            SELECT t.session_id, t.used_at IS NOT NULL, s.user_id, s.expires_at, s.ended_at IS NOT NULL
            FROM app_refresh_tokens t JOIN app_sessions s ON s.id = t.session_id
            WHERE t.token_hash = $1 FOR UPDATE OF t, s
            """, connection, transaction))
        {
            read.Parameters.AddWithValue(Hash(token));
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                return Rotation.Refused(RotationRefusal.Unknown);
            session = reader.GetGuid(0);
            var used = reader.GetBoolean(1);
            user = reader.GetGuid(2);
            expires = reader.GetFieldValue<DateTimeOffset>(3);
            var ended = reader.GetBoolean(4);
            await reader.CloseAsync();
            if (ended)
                return Rotation.Refused(RotationRefusal.Ended, session, user);
            if (expires <= now)
                return Rotation.Refused(RotationRefusal.Expired, session, user);
            if (used)
            {
                await EndAsync(connection, transaction, session, SessionEndReasons.RefreshReused, now);
                await transaction.CommitAsync();
                return Rotation.Refused(RotationRefusal.Reused, session, user);
            }
        }
        var next = NewToken();
        await using (var rotate = new NpgsqlCommand("""
            WITH used AS (UPDATE app_refresh_tokens SET used_at = $3 WHERE token_hash = $1)
            INSERT INTO app_refresh_tokens (token_hash, session_id, issued_at) VALUES ($2, $4, $3)
            """, connection, transaction))
        {
            rotate.Parameters.AddWithValue(Hash(token));
            rotate.Parameters.AddWithValue(Hash(next));
            rotate.Parameters.AddWithValue(now);
            rotate.Parameters.AddWithValue(session);
            await rotate.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return new Rotation(null, session, user, next, expires);
    }

    /// <summary>Ends the session <paramref name="token"/> belongs to: its id and user, or null when the token is unknown.</summary>
    public async Task<(Guid Session, Guid User)?> EndByTokenAsync(string token, string reason, DateTimeOffset now)
    {
        await using var command = database.CreateCommand("""
            UPDATE app_sessions SET ended_at = COALESCE(ended_at, $2), ended_reason = COALESCE(ended_reason, $3)
            WHERE id = (SELECT session_id FROM app_refresh_tokens WHERE token_hash = $1) RETURNING id, user_id
            """);
        command.Parameters.AddWithValue(Hash(token));
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(reason);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetGuid(0), reader.GetGuid(1)) : null;
    }

    public async Task EndAsync(Guid session, string reason, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await EndAsync(connection, null, session, reason, now);
    }

    /// <summary>Whether the session is still open at <paramref name="now"/> (not ended, not past its end).</summary>
    public async Task<bool> IsOpenAsync(Guid session, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM app_sessions WHERE id = $1 AND ended_at IS NULL AND expires_at > $2)");
        command.Parameters.AddWithValue(session);
        command.Parameters.AddWithValue(now);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Ends every open session of the user but <paramref name="keep"/>, inside the caller's transaction.</summary>
    internal static async Task EndAllAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid user, Guid? keep,
        string reason, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE app_sessions SET ended_at = $3, ended_reason = $4
            WHERE user_id = $1 AND ended_at IS NULL AND ($2::uuid IS NULL OR id <> $2)
            """, connection, transaction);
        command.Parameters.AddWithValue(user);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)keep ?? DBNull.Value });
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(reason);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task EndAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid session,
        string reason, DateTimeOffset now)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE app_sessions SET ended_at = $2, ended_reason = $3 WHERE id = $1 AND ended_at IS NULL", connection, transaction);
        command.Parameters.AddWithValue(session);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue(reason);
        await command.ExecuteNonQueryAsync();
    }

    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes);
}

/// <summary>The outcome of a refresh: the next token (and whose session it is), or why there is none.</summary>
public sealed record Rotation(RotationRefusal? Refusal, Guid? SessionId, Guid? UserId, string? NextToken, DateTimeOffset ExpiresAt)
{
    public static Rotation Refused(RotationRefusal why, Guid? session = null, Guid? user = null) =>
        new(why, session, user, null, default);
}

public enum RotationRefusal
{
    Unknown,
    Ended,
    Expired,
    Reused,
}

/// <summary>Why a session ended (`app_sessions.ended_reason`).</summary>
public static class SessionEndReasons
{
    public const string Logout = "logout";
    public const string RefreshReused = "refresh_reused";
    public const string PasswordChanged = "password_changed";
    public const string PasswordReset = "password_reset";
    public const string Deactivated = "deactivated";
    public const string RoleChanged = "role_changed";
}
