using System.Net;
using Bengkulu112.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>Whose `X-Forwarded-For` the API believes: only configured proxies', never loopback's by default.</summary>
public sealed class ForwardedHeadersTests
{
    private static async Task<string> SeenAddressAsync(Dictionary<string, string?> settings, string from, string forwardedFor)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddBengkulu112ForwardedHeaders(builder.Configuration);
        await using var app = builder.Build();
        app.UseForwardedHeaders();
        app.MapGet("/", (HttpContext http) => http.Connection.RemoteIpAddress!.ToString());
        await app.StartAsync();
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    [Fact]
    public async Task Without_configured_proxies_a_forwarded_address_is_ignored_even_from_loopback() =>
        Assert.Equal("127.0.0.1", await SeenAddressAsync([], "127.0.0.1", "203.0.113.50"));

    [Fact]
    public async Task A_configured_proxy_network_is_believed()
    {
        var settings = new Dictionary<string, string?> { ["Proxies:KnownNetworks:0"] = "10.42.0.0/16" };
        Assert.Equal("203.0.113.50", await SeenAddressAsync(settings, "10.42.7.9", "203.0.113.50"));
        Assert.Equal("10.43.0.1", await SeenAddressAsync(settings, "10.43.0.1", "203.0.113.50"));
    }

    [Fact]
    public async Task Only_the_hop_in_front_of_the_node_counts()
    {
        var settings = new Dictionary<string, string?> { ["Proxies:KnownProxies:0"] = "10.0.0.7" };
        // A client that prepends its own X-Forwarded-For cannot choose the address: the proxy's last entry wins.
        Assert.Equal("198.51.100.4", await SeenAddressAsync(settings, "10.0.0.7", "1.2.3.4, 198.51.100.4"));
    }

    [Fact]
    public void A_malformed_proxy_setting_stops_start_up_naming_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Proxies:KnownNetworks:0"] = "10.0.0.0/99" }).Build();
        var e = Assert.Throws<InvalidOperationException>(() =>
            new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddBengkulu112ForwardedHeaders(configuration));
        Assert.Contains("10.0.0.0/99", e.Message);
    }
}
