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

    /// <summary>Configuration a derived fixture gives its API host on top of the usual test settings.</summary>
    protected virtual IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>();

    /// <summary>Configuration a derived fixture gives its silos on top of the production setup.</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    /// <summary>Serve the API with Kestrel on a loopback port instead of the in-memory test server.</summary>
    protected virtual bool OverSockets => false;

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("api");
        Silos = await SiloHosts.StartAsync(ConnectionString, configure: ConfigureSilo);
        Api = new ApiFactory(ConnectionString, Silos.ClusterId, Tokens, ApiSettings);
        if (OverSockets)
        {
            Api.UseKestrel(0);
            Api.StartServer();
        }
        else
            _ = Api.Server; // start the host now, so the first test does not pay for it
    }


    public HttpClient ClientAs(string? role, string? opd = null) => Api.ClientAs(role, opd);

    public virtual async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Silos.DisposeAsync();
        Tokens.Dispose();
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        Npgsql.NpgsqlConnection.ClearPool(connection);
    }
}
