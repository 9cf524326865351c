using Xunit;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>
/// A fresh database, two silos on it and the API in front of them over TCP; shared by the tests of one class.
/// Subclasses may give the API host extra settings.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public SiloHosts Silos { get; private set; } = null!;
    public ApiFactory Api { get; private set; } = null!;
    public TestTokens Tokens { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("api");
        Silos = await SiloHosts.StartAsync(ConnectionString);
        Api = new ApiFactory(ConnectionString, Silos.ClusterId, Tokens, ApiSettings);
        _ = Api.Server; // start the host now, so the first test does not pay for it
    }

    /// <summary>Configuration the API host gets on top of the fixture's own (e.g. "RateLimits:Burst").</summary>
    protected virtual IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>();

    public HttpClient ClientAs(string? role, string? opd = null) => Api.ClientAs(role, opd);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Silos.DisposeAsync();
        Tokens.Dispose();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        Npgsql.NpgsqlConnection.ClearPool(connection);
    }
}
