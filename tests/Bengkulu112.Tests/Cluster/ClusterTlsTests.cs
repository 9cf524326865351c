using Bengkulu112.Opds;
using Bengkulu112.ServiceDefaults.ClusterTls;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>
/// Grains trust the caller a client names, so the gateway must admit only processes holding a certificate of the
/// cluster's CA: a client without one, or with one from another CA, cannot call a grain.
/// </summary>
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private string _connectionString = "";
    private SiloHosts _silos = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("cluster_tls");
        _silos = await SiloHosts.StartAsync(_connectionString, count: 1);
    }

    public async Task DisposeAsync() => await _silos.DisposeAsync();

    [Fact]
    public async Task A_client_with_the_cluster_certificate_calls_a_grain() =>
        Assert.NotNull(await CallAsync(TestCertificates.Settings));

    [Fact]
    public async Task A_client_without_a_certificate_cannot_call_a_grain() =>
        await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(new ClusterTlsSettings { Disabled = true }));

    [Fact]
    public async Task A_client_with_a_certificate_of_another_CA_cannot_call_a_grain()
    {
        var folder = Path.Combine(Path.GetTempPath(), "b112-test-tls-other-" + Guid.NewGuid().ToString("N"));
        try
        {
            var other = ClusterCertificates.Write(folder, TimeSpan.FromDays(1), "Someone else's CA");
            var settings = new ClusterTlsSettings { CertificateFile = other.CertificateFile, KeyFile = other.KeyFile, CaFile = other.CaFile };
            await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(settings));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_node_without_certificates_refuses_to_start_naming_the_settings()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            Host.CreateApplicationBuilder().UseOrleansClient(c => c.UseBengkulu112Tls(new ClusterTlsSettings())));
        Assert.Contains("Orleans__Tls__CertificateFile", e.Message);
        Assert.Contains("Orleans__Tls__Disabled", e.Message);
    }

    /// <summary>Starts an Orleans client as the API does (PostgreSQL gateway list), with <paramref name="tls"/>, and reads an OPD.</summary>
    private async Task<OpdDetails?> CallAsync(ClusterTlsSettings tls)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.UseOrleansClient(client =>
        {
            client.UseBengkulu112Tls(tls);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _silos.ClusterId;
                o.ServiceId = SiloHosts.ServiceId;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            client.Configure<ConnectionOptions>(o => o.OpenConnectionTimeout = TimeSpan.FromSeconds(5));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = _connectionString;
            });
        });
        using var host = builder.Build();
        try
        {
            // The cluster's own client connects and answers in well under a second on a loaded machine: 10 s each
            // bound a refused client, which never gets through however long it tries.
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));
            var grains = host.Services.GetRequiredService<IClusterClient>();
            return await grains.GetGrain<IOpdGrain>("damkar").Get().WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(stopping.Token);
        }
    }
}
