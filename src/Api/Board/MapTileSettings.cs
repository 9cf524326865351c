namespace Bengkulu112.Api.Board;

/// <summary>
/// The tile server the page's maps draw their background from, bound from the `Map` configuration section. None by
/// default: the maps then show their markers on a plain background. When set, the page's content policy allows images
/// from that one origin.
/// </summary>
public sealed class MapTileSettings
{
    public const string Section = "Map";

    /// <summary>A tile URL template with `{z}`, `{x}` and `{y}`, e.g. `https://tiles.example.org/{z}/{x}/{y}.png`.</summary>
    public string? TileUrl { get; set; }

    /// <summary>The credit the tile server asks for, shown in the corner of each map.</summary>
    public string? TileAttribution { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(TileUrl);

    /// <summary>The tile server's origin (scheme, host, port), for the content policy; null without a tile server.</summary>
    public string? Origin => IsConfigured ? new Uri(TileUrl!).GetLeftPart(UriPartial.Authority) : null;

    /// <summary>
    /// Reads the section and refuses, at start, a template the page could not use or whose images the content policy could
    /// not name as one origin (a relative URL, another scheme than http(s), a `{s}` subdomain pattern, a missing placeholder).
    /// </summary>
    public static MapTileSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<MapTileSettings>() ?? new MapTileSettings();
        if (!settings.IsConfigured)
            return settings;
        var url = settings.TileUrl!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Host.Contains('{', StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Map__TileUrl '{url}' must be an absolute http(s) URL on one host (no {{s}} subdomain pattern).");
        }
        foreach (var placeholder in new[] { "{z}", "{x}", "{y}" })
        {
            if (!url.Contains(placeholder, StringComparison.Ordinal))
                throw new InvalidOperationException($"Map__TileUrl '{url}' lacks the placeholder {placeholder}.");
        }
        return settings;
    }
}
