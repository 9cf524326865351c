using System.Net;
using System.Net.Sockets;

namespace Bengkulu112.Webhooks;

/// <summary>
/// Which addresses a webhook delivery may connect to: public unicast addresses only, unless the operator's allow-list
/// (<see cref="WebhookOptions.AllowedNetworks"/>) names the network. Checked on the address actually connected to,
/// after name resolution, so a name that resolves (or re-resolves, as in DNS rebinding) to an internal address fails.
/// </summary>
public sealed class DestinationPolicy
{
    /// <summary>Loopback, private, link-local, carrier-grade NAT, multicast and reserved ranges (IANA special-purpose registries).</summary>
    private static readonly IPNetwork[] NonPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network"
        IPNetwork.Parse("10.0.0.0/8"), // private
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT, often a cluster's pod or service range
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link-local, including cloud metadata services (169.254.169.254)
        IPNetwork.Parse("172.16.0.0/12"), // private
        IPNetwork.Parse("192.0.0.0/24"), // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"), // documentation
        IPNetwork.Parse("192.88.99.0/24"), // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"), // private
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation
        IPNetwork.Parse("203.0.113.0/24"), // documentation
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, and the broadcast address
        IPNetwork.Parse("::/128"), // unspecified
        IPNetwork.Parse("::1/128"), // loopback
        IPNetwork.Parse("64:ff9b:1::/48"), // local-use IPv4/IPv6 translation
        IPNetwork.Parse("100::/64"), // discard-only
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("fec0::/10"), // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    private readonly IReadOnlyList<IPNetwork> _allowed;
    private readonly IReadOnlyList<IPNetwork> _blocked;

    public DestinationPolicy(IEnumerable<string> allowedNetworks, IEnumerable<string> blockedNetworks)
    {
        _allowed = Parse(allowedNetworks, nameof(WebhookOptions.AllowedNetworks));
        _blocked = Parse(blockedNetworks, nameof(WebhookOptions.BlockedNetworks));
    }

    public static DestinationPolicy From(WebhookOptions options) => new(options.AllowedNetworks, options.BlockedNetworks);

    /// <summary>True when a delivery may connect to <paramref name="address"/>.</summary>
    public bool Permits(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (_allowed.Any(n => n.Contains(address)))
            return true;
        return !NonPublic.Any(n => n.Contains(address)) && !_blocked.Any(n => n.Contains(address));
    }

    private static List<IPNetwork> Parse(IEnumerable<string> networks, string setting)
    {
        var parsed = new List<IPNetwork>();
        foreach (var text in networks)
        {
            if (IPNetwork.TryParse(text, out var network))
                parsed.Add(network);
            else if (IPAddress.TryParse(text, out var single))
                parsed.Add(new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            else
                throw new InvalidOperationException(
                    $"Webhooks:{setting} has '{text}', which is neither an address nor a network in CIDR form (10.1.0.0/16).");
        }
        return parsed;
    }
}
