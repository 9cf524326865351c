namespace Bengkulu112.Common;

/// <summary>
/// PostgreSQL could not be reached (down, restarting, connection lost): the command was not applied, and can be
/// retried. Silos answer grain calls that failed so with this rather than the Npgsql exception, which Orleans cannot
/// carry back to the caller; the API answers it with 503.
/// </summary>
[GenerateSerializer, Alias("Bengkulu112.DatabaseUnavailableException")]
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message) : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
