using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bengkulu112.Silo.Migrations;

/// <summary>
/// Row access for the API nodes' login: the API reads and writes rows but must never be able to change the schema, so
/// it connects as <see cref="Role"/>, which owns nothing; the silos migrate with the owner login and, after each
/// migration run, grant that role what it needs on every table and sequence (also those of later migrations, through
/// default privileges). Deployments that give the API the owner login have no such role; then nothing is granted.
/// </summary>
public static partial class ApplicationRoleGrants
{
    public const string Role = "bengkulu112_api";

    public static async Task GrantAsync(NpgsqlConnection connection, ILogger logger, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", connection))
        {
            exists.Parameters.AddWithValue(Role);
            if (!(bool)(await exists.ExecuteScalarAsync(ct).ConfigureAwait(false))!)
            {
                LogNoRole(logger, Role);
                return;
            }
        }
        await using var grant = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {Role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {Role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {Role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {Role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {Role};
            """, connection);
        await grant.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        LogGranted(logger, Role);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information,
        Message = "Granted row access on the application's tables to the API login {Role}")]
    private static partial void LogGranted(ILogger logger, string role);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information,
        Message = "No database role {Role}: API nodes are expected to use the owner login")]
    private static partial void LogNoRole(ILogger logger, string role);
}
