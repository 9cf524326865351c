using Bengkulu112.Silo.Startup;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>A silo starting during a fail-over, or beside another starting silo, does not fail its start on a call that can succeed next time.</summary>
public sealed class StartupRetryTests
{
    [Fact]
    public async Task A_call_that_met_a_dead_silo_is_tried_again()
    {
        var attempts = 0;
        await StartupRetry.Pipeline.ExecuteAsync(_ =>
        {
            if (++attempts < 3)
                throw new SiloUnavailableException("the target silo became unavailable");
            return ValueTask.CompletedTask;
        });
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task A_write_that_met_another_activation_s_version_is_tried_again()
    {
        // Two silos joining at once both seed the OPD directory: the second write finds the first one's version.
        var attempts = 0;
        await StartupRetry.Pipeline.ExecuteAsync(_ =>
        {
            if (++attempts < 2)
                throw new Orleans.Storage.InconsistentStateException("Version conflict (WriteState)", "2", "1");
            return ValueTask.CompletedTask;
        });
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Any_other_failure_is_not_retried()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await StartupRetry.Pipeline.ExecuteAsync(_ =>
        {
            attempts++;
            throw new InvalidOperationException("a bug");
        }));
        Assert.Equal(1, attempts);
    }
}
