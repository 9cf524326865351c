using System.Net;
using System.Net.Sockets;
using Bengkulu112.Api.Board;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Bengkulu112.Tests.Board;

/// <summary>The board with a tile server configured that cannot be reached: a loopback port nothing listens on.</summary>
public sealed class UnreachableTileServerFixture : BoardApiFixture
{
    public static readonly string TileOrigin = $"http://127.0.0.1:{ClosedPort()}";
    public static readonly string TileUrl = TileOrigin + "/tiles/{z}/{x}/{y}.png";
    public const string Attribution = "Peta © Dinas Kominfo <Kota Bengkulu>";

    protected override IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>(base.ApiSettings)
    {
        ["Map:TileUrl"] = TileUrl,
        ["Map:TileAttribution"] = Attribution,
    };

    /// <summary>A port the system just gave out and took back: connections to it are refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>
/// A configured map tile server: the page learns it from `GET /auth/config`, its content policy allows images from that
/// one origin, and when it cannot be reached the maps still show their markers and coordinates.
/// </summary>
public sealed class MapTileServerTests(UnreachableTileServerFixture api, ChromiumBrowser chromium)
    : IClassFixture<UnreachableTileServerFixture>, IClassFixture<ChromiumBrowser>
{
    [Fact]
    public async Task The_page_is_told_the_tile_server_and_its_policy_allows_images_from_that_origin_only()
    {
        using var anonymous = api.ClientAs(null);
        var expected = BoardPage.ContentSecurityPolicy.Replace(
            "img-src 'self' data:", $"img-src 'self' data: {UnreachableTileServerFixture.TileOrigin}", StringComparison.Ordinal);
        Assert.NotEqual(BoardPage.ContentSecurityPolicy, expected);
        foreach (var path in new[] { "/", "/js/app.js" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        }
        var config = await (await anonymous.GetAsync("/api/v1/auth/config")).AssertJson(HttpStatusCode.OK);
        var tiles = config.GetProperty("map_tiles");
        Assert.Equal(UnreachableTileServerFixture.TileUrl, tiles.GetProperty("url").GetString());
        Assert.Equal(UnreachableTileServerFixture.Attribution, tiles.GetProperty("attribution").GetString());
    }

    [Fact]
    public async Task With_the_tile_server_unreachable_the_maps_still_show_markers_and_coordinates()
    {
        var ticket = await api.ClientAs("calltaker").CreateFireAsync();
        await using var supervisor = await BoardSessions.SignedIn(api, chromium, "supervisor");
        var page = supervisor.Page;

        var board = page.Locator("#board-map");
        await Expect(board.Locator(".ticket-pin").First).ToBeVisibleAsync();
        await Expect(board.Locator($"img.leaflet-tile[src^='{UnreachableTileServerFixture.TileOrigin}/tiles/']").First).ToBeAttachedAsync();
        await Expect(board.Locator(".leaflet-control-attribution")).ToHaveTextAsync(UnreachableTileServerFixture.Attribution);

        await page.GotoAsync($"/#/tickets/{ticket.Str("id")}");
        await Expect(page.Locator("#ticket-map .leaflet-marker-icon")).ToBeVisibleAsync();
        await Expect(page.Locator("#ticket-map img.leaflet-tile").First).ToBeAttachedAsync();
        await Expect(page.Locator("#ticket-map-caption")).ToContainTextAsync("-3.79280");
        await Accessibility.AssertNoSeriousViolations(page);
        Assert.Empty(supervisor.Problems); // no content policy violation: the tile origin is allowed
    }
}
