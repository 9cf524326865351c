using Bengkulu112.Api.Board;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>The tile server setting: none by default, one origin when set, a template the page cannot use refused at start.</summary>
public sealed class MapTileSettingsTests
{
    private static MapTileSettings Read(string? url) => MapTileSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(url is null ? [] : [new("Map:TileUrl", url)]).Build());

    [Fact]
    public void Without_a_tile_url_there_is_no_tile_server_and_the_policy_stays_self_only()
    {
        var settings = Read(null);
        Assert.False(settings.IsConfigured);
        Assert.Null(settings.Origin);
        Assert.Equal(BoardPage.ContentSecurityPolicy, BoardPage.ContentSecurityPolicyFor(new global::Bengkulu112.Api.Auth.AuthSettings(), settings));
    }

    [Fact]
    public void A_tile_url_gives_its_origin_to_the_image_policy_only()
    {
        var settings = Read("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png");
        Assert.Equal("https://tiles.example.org:8443", settings.Origin);
        var policy = BoardPage.ContentSecurityPolicyFor(new global::Bengkulu112.Api.Auth.AuthSettings(), settings);
        Assert.Contains("img-src 'self' data: https://tiles.example.org:8443;", policy, StringComparison.Ordinal);
        Assert.Equal(1, policy.Split("tiles.example.org").Length - 1);
    }

    [Theory]
    [InlineData("/tiles/{z}/{x}/{y}.png")]
    [InlineData("ftp://tiles.example.org/{z}/{x}/{y}.png")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example.org/{z}/{x}.png")]
    public void A_template_the_page_cannot_use_is_refused_at_start(string url) =>
        Assert.Throws<InvalidOperationException>(() => Read(url));
}
