using Bengkulu112.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>In-process silos configured exactly like production ones (PostgreSQL membership, storage, reminders, migration).</summary>
public static class TestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string connectionString, short silos = 2,
        Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        // The in-process membership is on by default and its switch is internal; our silos must register in PostgreSQL
        // like production ones, so the API host (an Orleans client reading that table) can find their gateways.
        typeof(InProcessTestClusterOptions)
            .GetProperty("UseTestClusterMembership", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)!
            .SetValue(builder.Options, false);
        builder.Options.ClusterId = "b112-" + Guid.NewGuid().ToString("N")[..8];
        builder.Options.ServiceId = "b112-test";
        var clusterId = builder.Options.ClusterId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseBengkulu112(connectionString,
                // The test host's in-memory transport carries no TLS; the TCP test silos (SiloHosts) use it.
                new SiloSettings { ClusterId = clusterId, ServiceId = "b112-test", Tls = new() { Disabled = true } },
                endpoints: false);
            // Tests run with second-scale reminders; production keeps Orleans' one-minute floor.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            // Detect killed silos in seconds rather than the production default.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(5);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
            });
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "b112-test";
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloSetup.Invariant;
                o.ConnectionString = connectionString;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
