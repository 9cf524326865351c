using Npgsql;

namespace Bengkulu112.ServiceDefaults;

/// <summary>Recognising PostgreSQL being away (down, restarting, connection lost), and recovering from it at once.</summary>
public static class PostgresFailures
{
    /// <summary>The namespace of Npgsql's exceptions, which Orleans must be allowed to carry between processes.</summary>
    public const string ExceptionNamespace = "Npgsql";

    /// <summary>
    /// True when <paramref name="exception"/> or one it wraps is a transient Npgsql failure, or the server going away:
    /// a connection error (SQLSTATE class 08) or an operator's shutdown or restart (57P01 .. 57P03), which Npgsql does
    /// not all count as transient although the same request succeeds once the server is back.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
                return true;
            if (e is PostgresException { SqlState: { } state } && (state.StartsWith("08", StringComparison.Ordinal)
                    || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow))
                return true;
        }
        return false;
    }

    /// <summary>
    /// After a restart of the server every idle pooled connection is dead, and Npgsql finds that out only when it hands
    /// one out: each would fail one more request, minutes later for a quiet pool. Dropping the idle connections of this
    /// process's pools (the data source's and the connection-string pools Orleans' providers use) makes the next
    /// request open a fresh one. Connections in use are discarded when they are returned.
    /// </summary>
    public static void DropIdleConnections(NpgsqlDataSource? dataSource)
    {
        dataSource?.Clear();
        NpgsqlConnection.ClearAllPools();
    }
}
