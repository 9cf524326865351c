namespace Bengkulu112.Api.Cluster;

/// <summary>Which cluster this API node joins, as a client or as a silo; bound from the `Orleans` section like the silos'.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    /// <summary>
    /// Host a silo in this process (the single-machine default of ./run.sh): one process instead of an API node and a
    /// silo that talk over a socket. The silo part takes its settings from the same `Orleans` section (ports, TLS,
    /// membership) and migrates the schema, so it needs the owner's database login. Separate API nodes leave it false.
    /// </summary>
    public bool HostSilo { get; set; }

    public string ClusterId { get; set; } = "bengkulu112";
    public string ServiceId { get; set; } = "bengkulu112";

    /// <summary>
    /// The admin dashboard (`/dashboard` on the API nodes): silos profile every grain call for it and feed Orleans'
    /// metrics to it. Its cost is measured in bench/README.md; set it false on silos and API nodes alike to save it.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Pause between attempts to reach a gateway while no silo is up yet.</summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often the node re-reads the live gateways from the membership table (Orleans' default: a minute). A gateway
    /// that drops its connection is avoided at once; this bounds how soon a silo that joined or came back is used.
    /// </summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A grain call unanswered this long fails (503) instead of holding the HTTP request (Orleans' default: 30 s). Calls
    /// in flight to a silo that is killed get no answer at all: this bounds how long their requests wait, and so how
    /// long after a silo's crash requests still fail (call intake is sent again instead, IntakeRetry).
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
