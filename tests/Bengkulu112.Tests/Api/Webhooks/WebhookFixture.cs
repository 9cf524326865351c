using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bengkulu112.Tests.Api.Webhooks;

/// <summary>
/// Like <see cref="ApiFixture"/> (fresh database, two silos over TCP, the API), with webhook timings in milliseconds
/// and a local receiver for the deliveries.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public SiloHosts Silos { get; private set; } = null!;
    public ApiFactory Api { get; private set; } = null!;
    public TestTokens Tokens { get; } = new();
    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>
    /// Fast timings for tests; a receiver that hangs is cut off after <see cref="WebhookOptions.RequestTimeout"/>. The
    /// receiver listens on 127.0.0.1, which the allow-list names (the rest of loopback stays refused).
    /// </summary>
    public static void FastWebhooks(ISiloBuilder silo) => silo.Services.Configure<WebhookOptions>(o =>
    {
        o.PollInterval = TimeSpan.FromMilliseconds(100);
        o.FirstRetryDelay = TimeSpan.FromMilliseconds(100);
        o.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
        o.RequestTimeout = TimeSpan.FromSeconds(5);
        o.BackstopPeriod = TimeSpan.FromSeconds(2);
        o.AllowedNetworks = ["127.0.0.1/32"];
    });

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        ConnectionString = await TestPostgres.CreateDatabaseAsync("webhooks");
        Silos = await SiloHosts.StartAsync(ConnectionString, configure: FastWebhooks);
        Api = new ApiFactory(ConnectionString, Silos.ClusterId, Tokens);
        _ = Api.Server;
    }

    public HttpClient ClientAs(string? role, string? opd = null) => Api.ClientAs(role, opd);

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Silos.DisposeAsync();
        await Receiver.DisposeAsync();
        Tokens.Dispose();
    }
}
