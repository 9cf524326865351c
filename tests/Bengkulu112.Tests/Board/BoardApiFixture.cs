using Bengkulu112.Tests.Infrastructure;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The API on a real loopback port (a browser cannot reach the in-memory test server), alerts polled often, people's
/// access tokens short-lived (and little clock skew) so that the browser tests run across silent renewals.
/// </summary>
public class BoardApiFixture : ApiFixture
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(15);

    /// <summary>Small, so that a token past its lifetime is really refused while the tests watch.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(1);

    protected override bool OverSockets => true;

    protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
    {
        ["Feeds:AlertPollInterval"] = "00:00:00.200",
        ["Auth:AccessTokenLifetime"] = AccessTokenLifetime.ToString("c"),
        ["Auth:ClockSkew"] = ClockSkew.ToString("c"),
        // Every browser context of these tests signs in from the one loopback address.
        ["RateLimits:LoginAttemptsPerAddressPerMinute"] = "300",
    };

    /// <summary>Where the Kestrel server listens (the address its clients are given).</summary>
    public Uri BaseAddress
    {
        get
        {
            using var client = ClientAs(null);
            return client.BaseAddress!;
        }
    }
}
