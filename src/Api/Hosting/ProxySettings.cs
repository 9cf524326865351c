namespace Bengkulu112.Api.Hosting;

/// <summary>
/// The reverse proxies (ingress, load balancer) whose `X-Forwarded-For` / `X-Forwarded-Proto` this node believes
/// (configuration section `Proxies`). Empty by default: then the headers are ignored, so a client cannot pick the
/// address that rate limits, lockouts and the audit log see.
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "Proxies";

    /// <summary>Addresses of trusted proxies (`10.0.0.7`).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (`10.42.0.0/16`, a cluster's ingress pods).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
