using Npgsql;

namespace Bengkulu112.Api.Accounts;

/// <summary>Sign-in attempts per username (`app_sign_in_attempts`), which <see cref="LockoutRule"/> counts.</summary>
public sealed class SignInAttempts(NpgsqlDataSource database)
{
    public async Task RecordAsync(string username, string? clientAddress, DateTimeOffset at, bool succeeded)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO app_sign_in_attempts (username, client_address, at, succeeded) VALUES ($1, $2, $3, $4)");
        command.Parameters.AddWithValue(username);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)clientAddress ?? DBNull.Value });
        command.Parameters.AddWithValue(at);
        command.Parameters.AddWithValue(succeeded);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Until when <paramref name="username"/> is locked out at <paramref name="now"/>, or null.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string username, DateTimeOffset now)
    {
        await using var command = database.CreateCommand("""
            SELECT at FROM app_sign_in_attempts
            WHERE username = $1 AND NOT succeeded AND at > $2 AND at <= $3
              AND at > COALESCE((SELECT max(at) FROM app_sign_in_attempts WHERE username = $1 AND succeeded AND at <= $3), '-infinity')
            ORDER BY at
            """);
        command.Parameters.AddWithValue(username);
        command.Parameters.AddWithValue(now - LockoutRule.Horizon);
        command.Parameters.AddWithValue(now);
        var failures = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            failures.Add(reader.GetFieldValue<DateTimeOffset>(0));
        return LockoutRule.LockedUntil(failures, now);
    }
}
