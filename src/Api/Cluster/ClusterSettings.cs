namespace Bengkulu112.Api.Cluster;

/// <summary>Which cluster this API node joins as a client; bound from the `Orleans` section like the silos'.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "bengkulu112";
    public string ServiceId { get; set; } = "bengkulu112";

    /// <summary>Pause between attempts to reach a gateway while no silo is up yet.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
