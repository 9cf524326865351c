using Bengkulu112.Common;
using Bengkulu112.ServiceDefaults;
using Npgsql;

namespace Bengkulu112.Silo.Hosting;

/// <summary>
/// A grain call that failed because PostgreSQL is away answers <see cref="DatabaseUnavailableException"/>: Orleans has
/// no codec for Npgsql's exceptions, so the caller would otherwise get a serialization error (a 500) instead of a 503.
/// The pools' idle connections are dropped too, so that once the server is back the next call reconnects at once.
/// </summary>
public sealed class DatabaseFailureFilter(NpgsqlDataSource dataSource) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (PostgresFailures.IsTransient(e))
        {
            PostgresFailures.DropIdleConnections(dataSource);
            throw new DatabaseUnavailableException("PostgreSQL is unavailable: " + e.Message);
        }
    }
}
