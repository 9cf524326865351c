using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Api.Accounts;

/// <summary>
/// Accounts in PostgreSQL (`app_users`). Every change that must end a user's sessions does so in the same statement, so
/// an account is never deactivated (or its password replaced) while a session of it stays open.
/// </summary>
public sealed class UserStore(NpgsqlDataSource database)
{
    private const string Columns =
        "id, username, display_name, role, opd, active, must_change_password, password_hash, created_at, last_sign_in_at";

    /// <summary>False when the username is taken (nothing is written then).</summary>
    public async Task<bool> CreateAsync(UserAccount user)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO app_users ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (username) DO NOTHING
            """);
        command.Parameters.AddWithValue(user.Id);
        command.Parameters.AddWithValue(user.Username);
        command.Parameters.AddWithValue(user.DisplayName);
        command.Parameters.AddWithValue(user.Role);
        command.Parameters.Add(Text(user.Opd));
        command.Parameters.AddWithValue(user.Active);
        command.Parameters.AddWithValue(user.MustChangePassword);
        command.Parameters.AddWithValue(user.PasswordHash);
        command.Parameters.AddWithValue(user.CreatedAt);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)user.LastSignInAt ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<UserAccount?> FindByUsernameAsync(string username)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM app_users WHERE username = $1");
        command.Parameters.AddWithValue(username);
        return (await ReadAllAsync(command)).SingleOrDefault();
    }

    public async Task<UserAccount?> FindByIdAsync(Guid id)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM app_users WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAllAsync(command)).SingleOrDefault();
    }

    /// <summary>In username order, after <paramref name="after"/>; filters that are null do not filter.</summary>
    public async Task<IReadOnlyList<UserAccount>> ListAsync(string? role, string? opd, bool? active, string? after, int limit)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM app_users
            WHERE ($1::text IS NULL OR role = $1) AND ($2::text IS NULL OR opd = $2) AND ($3::boolean IS NULL OR active = $3)
              AND ($4::text IS NULL OR username > $4)
            ORDER BY username LIMIT $5
            """);
        command.Parameters.Add(Text(role));
        command.Parameters.Add(Text(opd));
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = (object?)active ?? DBNull.Value });
        command.Parameters.Add(Text(after));
        command.Parameters.AddWithValue(limit);
        return await ReadAllAsync(command);
    }

    /// <summary>Whether an active admin account exists (`./run.sh` says how to create the first one when none does).</summary>
    public async Task<bool> AnyActiveAdminAsync()
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM app_users WHERE role = 'admin' AND active)");
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Writes the account's new name, role, OPD and active flag and, when <paramref name="endSessions"/>, ends its open
    /// sessions, in one transaction. When the change takes an active admin away (<paramref name="removesAdmin"/>), it is
    /// refused (nothing written) if no other active admin account is left.
    /// </summary>
    public async Task<UserChange> UpdateAsync(UserAccount changed, bool endSessions, bool removesAdmin, string reason,
        DateTimeOffset at)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand($"""
            UPDATE app_users SET display_name = $2, role = $3, opd = $4, active = $5 WHERE id = $1
            """, connection, transaction))
        {
            update.Parameters.AddWithValue(changed.Id);
            update.Parameters.AddWithValue(changed.DisplayName);
            update.Parameters.AddWithValue(changed.Role);
            update.Parameters.Add(Text(changed.Opd));
            update.Parameters.AddWithValue(changed.Active);
            if (await update.ExecuteNonQueryAsync() == 0)
                return UserChange.NotFound;
        }
        if (removesAdmin)
        {
            // Serialises concurrent demotions: two admins taking each other away must not both succeed.
            await using var admins = new NpgsqlCommand(
                "SELECT count(*) FROM (SELECT 1 FROM app_users WHERE role = 'admin' AND active FOR UPDATE) a", connection, transaction);
            if ((long)(await admins.ExecuteScalarAsync())! == 0)
            {
                await transaction.RollbackAsync();
                return UserChange.LastAdmin;
            }
        }
        if (endSessions)
            await SessionStore.EndAllAsync(connection, transaction, changed.Id, null, reason, at);
        await transaction.CommitAsync();
        return UserChange.Done;
    }

    /// <summary>
    /// Replaces the password hash and ends the user's sessions, all but <paramref name="keepSession"/> (the one changing
    /// its own password), in one transaction.
    /// </summary>
    public async Task SetPasswordAsync(Guid id, string hash, bool mustChange, Guid? keepSession, string reason, DateTimeOffset at)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(
            "UPDATE app_users SET password_hash = $2, must_change_password = $3 WHERE id = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(hash);
            update.Parameters.AddWithValue(mustChange);
            await update.ExecuteNonQueryAsync();
        }
        await SessionStore.EndAllAsync(connection, transaction, id, keepSession, reason, at);
        await transaction.CommitAsync();
    }

    /// <summary>A successful sign-in: when, and the rehashed password when the hasher asked for it.</summary>
    public async Task RecordSignInAsync(Guid id, DateTimeOffset at, string? rehashed)
    {
        await using var command = database.CreateCommand(
            "UPDATE app_users SET last_sign_in_at = $2, password_hash = COALESCE($3, password_hash) WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(at);
        command.Parameters.Add(Text(rehashed));
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static async Task<List<UserAccount>> ReadAllAsync(NpgsqlCommand command)
    {
        var users = new List<UserAccount>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            users.Add(new UserAccount(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5), reader.GetBoolean(6),
                reader.GetString(7), reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return users;
    }
}

public enum UserChange
{
    Done,
    NotFound,
    LastAdmin,
}
