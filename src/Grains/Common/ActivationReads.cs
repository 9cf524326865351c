using Bengkulu112.ServiceDefaults;

namespace Bengkulu112.Common;

/// <summary>
/// Incoming-call filters do not see a grain's activation: a read in OnActivateAsync that fails because PostgreSQL is
/// away would reach the API as Npgsql's exception, whose SQLSTATE does not cross Orleans (a 500 instead of a 503).
/// Such a read answers <see cref="DatabaseUnavailableException"/>, as the silo's DatabaseFailureFilter does for calls.
/// </summary>
public static class ActivationReads
{
    public static async Task<T> GuardAsync<T>(Task<T> read)
    {
        try
        {
            return await read;
        }
        catch (Exception e) when (PostgresFailures.IsTransient(e))
        {
            throw new DatabaseUnavailableException("PostgreSQL is unavailable: " + e.Message);
        }
    }
}
