using Bengkulu112.Tests.Infrastructure;

namespace Bengkulu112.Tests.Board;

/// <summary>The API on a real loopback port (a browser cannot reach the in-memory test server), alerts polled often.</summary>
public class BoardApiFixture : ApiFixture
{
    protected override bool OverSockets => true;

    protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
    {
        ["Feeds:AlertPollInterval"] = "00:00:00.200",
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
