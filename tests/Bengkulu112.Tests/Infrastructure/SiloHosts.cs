using System.Net;
using System.Net.Sockets;
using Bengkulu112.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>
/// Silos hosted exactly as src/Silo hosts them, listening on real TCP ports, so an API host can join them as an
/// external Orleans client. (The TestingHost cluster talks over an in-memory transport no outside client can reach.)
/// </summary>
public sealed class SiloHosts : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];

    public string ClusterId { get; } = "b112-" + Guid.NewGuid().ToString("N")[..8];
    public const string ServiceId = "b112-test";

    public IReadOnlyList<IHost> Hosts => hosts;

    public IGrainFactory GrainFactory => hosts[0].Services.GetRequiredService<IGrainFactory>();

    public static async Task<SiloHosts> StartAsync(string connectionString, int count = 2,
        Action<ISiloBuilder>? configure = null)
    {
        var silos = new SiloHosts();
        for (var i = 0; i < count; i++)
            await silos.StartOneAsync(connectionString, configure);
        return silos;
    }

    public async Task<IHost> StartOneAsync(string connectionString, Action<ISiloBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseBengkulu112(connectionString, new SiloSettings
            {
                ClusterId = ClusterId,
                ServiceId = ServiceId,
                SiloPort = FreeTcpPort(),
                GatewayPort = FreeTcpPort(),
                Tls = TestCertificates.Settings,
            });
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        hosts.Add(host);
        return host;
    }

    /// <summary>Stops every silo (the whole cluster goes down) and starts as many again on the same database.</summary>
    public async Task RestartAllAsync(string connectionString, Action<ISiloBuilder>? configure = null)
    {
        var count = hosts.Count;
        await DisposeAsync();
        for (var i = 0; i < count; i++)
            await StartOneAsync(connectionString, configure);
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(hosts))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await host.StopAsync(timeout.Token); }
            finally { host.Dispose(); }
        }
        hosts.Clear();
    }
}
