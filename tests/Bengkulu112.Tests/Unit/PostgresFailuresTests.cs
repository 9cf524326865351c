using System.Net.Sockets;
using Bengkulu112.ServiceDefaults;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>Which database failures answer 503 (retry later) rather than 500.</summary>
public sealed class PostgresFailuresTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]       // the server stopped under a running statement
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]    // still starting or shutting down
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    public void The_server_going_away_or_a_retryable_conflict_is_transient(string sqlState)
    {
        var failure = new PostgresException("away", "FATAL", "FATAL", sqlState);

        Assert.True(PostgresFailures.IsTransient(failure));
        Assert.True(PostgresFailures.IsTransient(new InvalidOperationException("wrapped", failure)));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.SyntaxError)]
    [InlineData(PostgresErrorCodes.CheckViolation)]
    public void A_statement_the_server_refuses_is_not_transient(string sqlState)
    {
        Assert.False(PostgresFailures.IsTransient(new PostgresException("refused", "ERROR", "ERROR", sqlState)));
    }

    [Fact]
    public void A_lost_connection_is_transient_and_other_exceptions_are_not()
    {
        Assert.True(PostgresFailures.IsTransient(new NpgsqlException("lost", new SocketException())));
        Assert.False(PostgresFailures.IsTransient(new InvalidOperationException("bug")));
    }

    [Fact]
    public void An_exception_that_lost_its_sqlstate_crossing_Orleans_is_classified_without_failing()
    {
        Assert.False(PostgresFailures.IsTransient(new PostgresException("copied", "FATAL", "FATAL", null!)));
    }

    [Fact]
    public async Task An_activation_read_failing_because_the_server_is_away_answers_database_unavailable()
    {
        var away = Task.FromException<int>(new PostgresException("away", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown));
        var refused = Task.FromException<int>(new PostgresException("bug", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError));

        await Assert.ThrowsAsync<Bengkulu112.Common.DatabaseUnavailableException>(() => Bengkulu112.Common.ActivationReads.GuardAsync(away));
        await Assert.ThrowsAsync<PostgresException>(() => Bengkulu112.Common.ActivationReads.GuardAsync(refused));
    }
}
