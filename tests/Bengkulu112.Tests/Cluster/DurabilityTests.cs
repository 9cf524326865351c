using Bengkulu112.Opds;
using Bengkulu112.Tests.Cluster.Probes;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

public sealed class DurabilityTests
{
    [Fact]
    public async Task State_written_through_a_silo_is_read_after_that_silo_is_killed()
    {
        var database = await TestPostgres.CreateDatabaseAsync("kill");
        await using var cluster = await TestCluster.StartAsync(database, silos: 2);
        var opd = cluster.Client.GetGrain<IOpdGrain>("sarkota");
        var written = await opd.Put(new OpdDefinition("Tim SAR Kota", ["disaster"], "bpbd", true), "test");
        Assert.NotNull(written.Opd);

        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.Single(s => s.GrainId == opd.GetGrainId()).SiloAddress;
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        var read = await Eventually.Within(TimeSpan.FromSeconds(60), () => opd.Get(), r => r is not null);
        Assert.Equal("Tim SAR Kota", read!.Name);
        Assert.Equal("bpbd", read.BackupOpd);
        var after = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.NotEqual(host, after.Single(s => s.GrainId == opd.GetGrainId()).SiloAddress);
    }

    [Fact]
    public async Task A_reminder_fires_again_after_a_full_cluster_restart()
    {
        var database = await TestPostgres.CreateDatabaseAsync("restart");
        await using (var first = await TestCluster.StartAsync(database, silos: 2))
        {
            await first.Client.GetGrain<IReminderProbeGrain>("probe").Arm(TimeSpan.FromSeconds(2));
        }

        await using var second = await TestCluster.StartAsync(database, silos: 1);
        var probe = second.Client.GetGrain<IReminderProbeGrain>("probe");
        var atRestart = await probe.Ticks();
        var later = await Eventually.Within(TimeSpan.FromSeconds(60), () => probe.Ticks(), t => t > atRestart);
        Assert.True(later > atRestart);
    }

    [Fact]
    public async Task Seeding_leaves_an_admin_change_alone_across_a_restart()
    {
        var database = await TestPostgres.CreateDatabaseAsync("seed");
        await using (var first = await TestCluster.StartAsync(database, silos: 1))
        {
            await first.Client.GetGrain<IOpdGrain>("damkar").Put(
                new OpdDefinition("Damkar Kota Bengkulu", ["fire", "animal"], "bpbd", true), "admin-test");
        }

        await using var second = await TestCluster.StartAsync(database, silos: 1);
        var damkar = await second.Client.GetGrain<IOpdGrain>("damkar").Get();
        Assert.Equal("Damkar Kota Bengkulu", damkar!.Name);
        Assert.Equal("bpbd", damkar.BackupOpd);
        var codes = await second.Client.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).GetCodes();
        Assert.Equal(9, codes.Count);
    }
}
