using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bengkulu112.Api.Hosting;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Forwarded headers from the proxies of <see cref="ProxySettings"/> only. ASP.NET Core would otherwise trust
    /// loopback by default; here nothing is trusted unless configured. One hop: the proxy in front of this node.
    /// </summary>
    public static IServiceCollection AddBengkulu112ForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings();
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p, out var a) ? a : throw Invalid("KnownProxies", p)).ToList();
        var networks = settings.KnownNetworks
            .Select(n => System.Net.IPNetwork.TryParse(n, out var parsed) ? parsed : throw Invalid("KnownNetworks", n)).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With both lists empty the middleware would believe every sender: then it reads no header at all.
            o.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds loopback by default and is still honoured
            o.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    private static InvalidOperationException Invalid(string setting, string value) =>
        new($"{ProxySettings.Section}:{setting} has '{value}', which is not an address or CIDR network.");
}
