using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bengkulu112.Silo.Migrations;

/// <summary>
/// Brings the PostgreSQL schema up to date from the SQL scripts embedded in this assembly
/// (<c>Migrations/NNNN_name.sql</c>, embedded as <c>Bengkulu112.Migrations.NNNN_name.sql</c>).
/// </summary>
/// <remarks>
/// <para>Scripts run in version order. Each one not yet recorded in <c>bengkulu112_schema_migrations</c> is applied in
/// its own transaction together with its row there, so a script is either applied and recorded or not at all.</para>
/// <para>Every silo runs this at start-up. A session-level advisory lock makes concurrent runs wait for each other,
/// so exactly one applies each script.</para>
/// <para>A released script must never be edited: change the schema with a new script. If an applied script's checksum
/// differs from the embedded one, a warning is logged and the database is left as it is.</para>
/// <para>The database itself must exist; this creates only what is inside it.</para>
/// </remarks>
public sealed partial class DatabaseMigrator
{
    /// <summary>Key of the advisory lock held while migrating ("B112MIGR" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x4231_3132_4D49_4752;

    /// <summary>The table recording which scripts have been applied.</summary>
    public const string HistoryTable = "bengkulu112_schema_migrations";

    private const string ResourcePrefix = "Bengkulu112.Migrations.";

    /// <summary>How long to keep retrying the first connection while PostgreSQL is still starting.</summary>
    private static readonly TimeSpan StartupRetryBudget = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private DatabaseMigrator()
    {
    }

    /// <summary>Applies every embedded migration the database does not have yet.</summary>
    /// <param name="connectionString">Npgsql connection string of the application's database.</param>
    /// <param name="logger">Receives progress, warnings and failures.</param>
    /// <param name="ct">Cancels waiting for the database, for the lock, or a running script (which is then rolled back).</param>
    public static async Task MigrateAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        var scripts = LoadEmbeddedScripts();

        // A connection of its own, outside the pool: closing it ends the session, which releases the advisory lock
        // even when the explicit unlock below cannot run (cancellation, broken connection).
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = await OpenWithRetryAsync(unpooled, logger, ct).ConfigureAwait(false);

        if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", ct).ConfigureAwait(false))
        {
            LogWaitingForLock(logger, AdvisoryLockKey);
            await ScalarAsync<object>(connection, "SELECT pg_advisory_lock(@key)", ct).ConfigureAwait(false);
        }

        try
        {
            await MigrateLockedAsync(connection, scripts, logger, ct).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                await ScalarAsync<bool>(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The lock goes with the session when the connection is closed.
                LogUnlockFailed(logger, ex);
            }
        }
    }

    private static async Task MigrateLockedAsync(NpgsqlConnection connection, IReadOnlyList<MigrationScript> scripts,
        ILogger logger, CancellationToken ct)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable}
                (
                    version    integer     NOT NULL PRIMARY KEY,
                    name       text        NOT NULL,
                    checksum   text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """;
            await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var applied = new Dictionary<int, (string Name, string Checksum)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT version, name, checksum FROM {HistoryTable}";
            await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        var appliedNow = 0;
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Version, out var recorded))
            {
                if (!string.Equals(recorded.Checksum, script.Checksum, StringComparison.OrdinalIgnoreCase))
                {
                    LogChecksumMismatch(logger, script.Version, script.Name, recorded.Checksum, script.Checksum);
                }

                continue;
            }

            LogApplying(logger, script.Version, script.Name);
            var stopwatch = Stopwatch.StartNew();
            try
            {
                await ApplyAsync(connection, script, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, script.Version, script.Name);
                throw;
            }

            LogApplied(logger, script.Version, script.Name, stopwatch.ElapsedMilliseconds);
            appliedNow++;
        }

        var known = scripts.Select(s => s.Version).ToHashSet();
        foreach (var (version, (name, _)) in applied.Where(a => !known.Contains(a.Key)).OrderBy(a => a.Key))
        {
            LogUnknownVersion(logger, version, name);
        }

        LogUpToDate(logger, scripts.Count == 0 ? 0 : scripts[^1].Version, appliedNow);
        await ApplicationRoleGrants.GrantAsync(connection, logger, ct).ConfigureAwait(false);
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        await using (var run = connection.CreateCommand())
        {
            run.Transaction = transaction;
            run.CommandText = script.Sql;
            run.CommandTimeout = 0; // Bounded by ct instead: a large migration must not die half-way on a timer.
            await run.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)";
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0; // Waiting for the lock is bounded by ct.
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        return (T)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Opens the connection, retrying with back-off for up to <see cref="StartupRetryBudget"/> while the server is
    /// unreachable or still starting up. Other failures (bad password, missing database) are thrown at once.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenWithRetryAsync(string connectionString, ILogger logger,
        CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(ct).ConfigureAwait(false);
                return connection;
            }
            catch (Exception ex) when (IsTransient(ex) && elapsed.Elapsed + delay < StartupRetryBudget)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                LogDatabaseNotReady(logger, attempt, (long)delay.TotalMilliseconds, ex.Message);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        OperationCanceledException => false,
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.AdminShutdown,
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    /// <summary>Reads the embedded scripts, ordered by version; a malformed name or a duplicate version throws.</summary>
    internal static IReadOnlyList<MigrationScript> LoadEmbeddedScripts()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var match = ScriptName().Match(resource[ResourcePrefix.Length..]);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Embedded migration '{resource}' is not named {ResourcePrefix}NNNN_name.sql.");
            }

            scripts.Add(new MigrationScript(
                int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                ReadResource(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two embedded migrations have version {scripts[i].Version}: '{scripts[i - 1].Name}' and '{scripts[i].Name}'.");
            }
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration '{resource}' cannot be read.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(?<version>[0-9]{4})_(?<name>[A-Za-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();

    internal sealed record MigrationScript(int Version, string Name, string Sql)
    {
        /// <summary>
        /// Lower-case hex SHA-256 of the script's UTF-8 text with line endings normalised to LF, so a checkout with
        /// CRLF line endings does not look like an edited script.
        /// </summary>
        public string Checksum { get; } = Convert.ToHexStringLower(
            SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Applying database migration {Version} ({Name})")]
    private static partial void LogApplying(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Applied database migration {Version} ({Name}) in {ElapsedMs} ms")]
    private static partial void LogApplied(ILogger logger, int version, string name, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Database schema is at version {Version} ({AppliedCount} migrations applied now)")]
    private static partial void LogUpToDate(ILogger logger, int version, int appliedCount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Database migration {Version} ({Name}) was applied with checksum {AppliedChecksum}, but the embedded script has {EmbeddedChecksum}; the database is left as it is. Released migrations must not be edited: add a new one instead")]
    private static partial void LogChecksumMismatch(ILogger logger, int version, string name, string appliedChecksum,
        string embeddedChecksum);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "The database has migration {Version} ({Name}), which this build does not know; it was probably applied by a newer version")]
    private static partial void LogUnknownVersion(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Another process is migrating the database (advisory lock {LockKey}); waiting for it")]
    private static partial void LogWaitingForLock(ILogger logger, long lockKey);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning,
        Message = "PostgreSQL is not reachable yet (attempt {Attempt}); retrying in {DelayMs} ms: {Reason}")]
    private static partial void LogDatabaseNotReady(ILogger logger, int attempt, long delayMs, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error,
        Message = "Database migration {Version} ({Name}) failed and was rolled back")]
    private static partial void LogFailed(ILogger logger, Exception exception, int version, string name);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug,
        Message = "Could not release the migration lock explicitly; it is released when the connection closes")]
    private static partial void LogUnlockFailed(ILogger logger, Exception exception);
}
