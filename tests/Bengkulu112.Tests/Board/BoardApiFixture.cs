using Bengkulu112.Tests.Infrastructure;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The API on a real loopback port (a browser cannot reach the in-memory test server), alerts polled often, people's
/// access tokens short-lived so that the browser tests run across silent renewals.
/// </summary>
public class BoardApiFixture : ApiFixture
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(15);

    protected override bool OverSockets => true;

    protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
    {
        ["Feeds:AlertPollInterval"] = "00:00:00.200",
        ["Auth:AccessTokenLifetime"] = AccessTokenLifetime.ToString("c"),
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
