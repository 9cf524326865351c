using System.Net;
using System.Net.Http;
using Bengkulu112.Webhooks;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class WebhookDestinationPolicyTests
{
    private static readonly DestinationPolicy Default = new([], []);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.5")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.10")] // carrier-grade NAT, common for pod networks
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:10.1.2.3")]
    public void Internal_addresses_are_refused(string address) =>
        Assert.False(Default.Permits(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("103.10.20.30")]
    [InlineData("172.32.0.1")] // just outside 172.16.0.0/12
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.4.4")]
    public void Public_addresses_are_permitted(string address) =>
        Assert.True(Default.Permits(IPAddress.Parse(address)));

    [Fact]
    public void The_allow_list_opens_only_the_networks_it_names()
    {
        var policy = new DestinationPolicy(["10.20.0.0/16", "127.0.0.1"], []);
        Assert.True(policy.Permits(IPAddress.Parse("10.20.3.4")));
        Assert.True(policy.Permits(IPAddress.Parse("127.0.0.1")));
        Assert.False(policy.Permits(IPAddress.Parse("10.21.0.1")));
        Assert.False(policy.Permits(IPAddress.Parse("127.0.0.2")));
    }

    [Fact]
    public void The_block_list_closes_public_networks_too()
    {
        var policy = new DestinationPolicy([], ["34.118.224.0/20"]);
        Assert.False(policy.Permits(IPAddress.Parse("34.118.230.1")));
        Assert.True(policy.Permits(IPAddress.Parse("34.119.0.1")));
    }

    [Fact]
    public void A_malformed_network_in_configuration_stops_start_up_naming_it()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new DestinationPolicy(["10.0.0.0/33"], []));
        Assert.Contains("10.0.0.0/33", e.Message);
    }

    [Fact]
    public async Task A_host_name_is_checked_on_the_addresses_it_resolves_to()
    {
        var connect = GuardedConnect.Using(Default);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost:9/");
        var context = ConnectionContext(new DnsEndPoint("localhost", 9), request);

        await Assert.ThrowsAsync<DestinationRefusedException>(async () => await connect(context, CancellationToken.None));
    }

    [Fact]
    public void A_refused_destination_is_logged_without_its_address()
    {
        var e = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (10.1.2.3:443)",
            new DestinationRefusedException());
        Assert.Equal(GuardedConnect.RefusedMessage, WebhookSender.Describe(e));
        var other = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (203.0.113.9:443)");
        Assert.DoesNotContain("203.0.113.9", WebhookSender.Describe(other));
    }

    /// <summary>SocketsHttpConnectionContext has no public constructor: the handler makes it, so the test does the same.</summary>
    private static SocketsHttpConnectionContext ConnectionContext(DnsEndPoint endpoint, HttpRequestMessage request) =>
        (SocketsHttpConnectionContext)Activator.CreateInstance(typeof(SocketsHttpConnectionContext),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null,
            [endpoint, request], null)!;
}
