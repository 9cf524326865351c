namespace Bengkulu112.Api.Cluster;

/// <summary>Keeps the API node trying to reach a gateway while no silo is up yet (start-up order does not matter).</summary>
public sealed partial class GatewayRetryFilter(ClusterSettings settings, ILogger<GatewayRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(logger, exception.Message, settings.ConnectRetryDelay);
        await Task.Delay(settings.ConnectRetryDelay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo reachable yet ({Reason}); retrying in {Delay}")]
    private static partial void LogRetry(ILogger logger, string reason, TimeSpan delay);
}
