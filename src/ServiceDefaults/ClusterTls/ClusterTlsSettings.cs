namespace Bengkulu112.ServiceDefaults.ClusterTls;

/// <summary>
/// Mutual TLS between silos and from API nodes to the silos' gateways (configuration section `Orleans:Tls`). Grains
/// trust the caller a client names, so only processes holding a certificate of the cluster's own CA may connect.
/// `./run.sh` creates the files for local runs; deployments mount them (Kubernetes: the `bengkulu112-tls` secret).
/// </summary>
public sealed class ClusterTlsSettings
{
    public const string Section = "Orleans:Tls";

    /// <summary>This node's certificate (PEM), issued by the cluster CA for both server and client authentication.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>The private key of <see cref="CertificateFile"/> (PEM).</summary>
    public string? KeyFile { get; set; }

    /// <summary>The cluster CA (PEM; during a CA rotation, old and new CA in one file): peers must chain to it.</summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// Turns TLS off, for a network where nothing but the cluster can reach the silo and gateway ports. Never implied:
    /// without certificates and without this switch a node refuses to start.
    /// </summary>
    public bool Disabled { get; set; }
}
