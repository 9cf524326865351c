using Bengkulu112.ServiceDefaults.ClusterTls;

namespace Bengkulu112.Silo.Hosting;

/// <summary>The silo's cluster settings, bound from the `Orleans` configuration section.</summary>
public sealed class SiloSettings
{
    public const string Section = "Orleans";

    /// <summary>Silos and API nodes with the same ClusterId and database form one cluster.</summary>
    public string ClusterId { get; set; } = "bengkulu112";

    /// <summary>Identifies the stored state and reminders; keep it stable across deployments.</summary>
    public string ServiceId { get; set; } = "bengkulu112";

    /// <summary>Mutual TLS for the silo and gateway ports (`Orleans:Tls:*`); required unless explicitly disabled.</summary>
    public ClusterTlsSettings Tls { get; set; } = new();

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and API nodes reach this silo on; loopback unless set.</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface rather than only on the advertised address (containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// Running as a Kubernetes pod (`Orleans.Hosting.Kubernetes`): the pod's IP (`POD_IP`) is advertised, both ports listen
    /// on every interface, the silo is named after its pod (`POD_NAME`), and silos whose pods are gone are declared dead
    /// at once. `AdvertisedIP` and `ListenOnAnyHostAddress` are then ignored.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// The admin dashboard (`/dashboard` on the API nodes): silos profile every grain call for it and feed Orleans'
    /// metrics to it. Its cost is measured in bench/README.md; set it false on silos and API nodes alike to save it.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Failure detection (`Orleans:Membership:*`): how soon a crashed silo is declared dead.</summary>
    public MembershipSettings Membership { get; set; } = new();
}
