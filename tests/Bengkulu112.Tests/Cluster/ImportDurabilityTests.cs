using System.Security.Cryptography;
using System.Text;
using Bengkulu112.Imports;
using Bengkulu112.Seed;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>A history import survives the death of the silo running it: nothing lost, nothing written twice.</summary>
public sealed class ImportDurabilityTests
{
    private const int Calls = 20_000;

    [Fact]
    public async Task An_import_whose_silo_is_killed_goes_on_elsewhere_and_a_retry_adds_nothing()
    {
        var database = await TestPostgres.CreateDatabaseAsync("import-kill");
        await using var cluster = await TestCluster.StartAsync(database, silos: 2, silo => silo.Services.Configure<ImportOptions>(o =>
        {
            o.ChunkSize = 100;
            o.BackstopPeriod = TimeSpan.FromSeconds(2);
        }));
        var options = new SeedOptions(2018, Calls, 150);
        var plan = YearPlan.Make(options);
        var file = Encoding.UTF8.GetBytes(ImportFileWriter.Write(plan, options));
        var sha = Convert.ToHexStringLower(SHA256.HashData(file));

        var id = Guid.NewGuid();
        var grain = cluster.Client.GetGrain<IImportGrain>(id);
        var started = await grain.Start(new ImportStart(file, sha, "test", sha));
        Assert.Equal(ImportStatus.Running, started.Import!.Status);

        // Kill the silo running the import once some chunks are in, well before the last.
        var midway = await Eventually.Within(TimeSpan.FromSeconds(60), () => NextRow(database, id), n => n >= 1000);
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var host = statistics.Single(s => s.GrainId == grain.GetGrainId()).SiloAddress;
        Assert.True(await NextRow(database, id) < Calls, $"the import was still running when its silo was killed (at row {midway})");
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));

        var done = await Eventually.Within(TimeSpan.FromSeconds(120), () => Load(database, id), i => i.Status != ImportStatus.Running);
        Assert.Equal(ImportStatus.Done, done.Status);
        Assert.Equal((Calls, Calls, 0, 0), (done.Rows, done.Imported, done.AlreadyPresent, done.Refused));
        Assert.Equal(Calls, await Count(database, "SELECT count(*) FROM calls"));
        var tickets = plan.Count(c => c.Emergency is not null);
        Assert.Equal(tickets, await Count(database, "SELECT count(*) FROM tickets"));
        Assert.Equal(tickets, await Count(database, "SELECT count(DISTINCT number) FROM tickets"));

        // Retried as a new import of the same file: every row is found already present.
        var retry = Guid.NewGuid();
        await cluster.Client.GetGrain<IImportGrain>(retry).Start(new ImportStart(file, sha, "test", sha));
        var again = await Eventually.Within(TimeSpan.FromSeconds(120), () => Load(database, retry), i => i.Status != ImportStatus.Running);
        Assert.Equal((0, Calls, 0), (again.Imported, again.AlreadyPresent, again.Refused));
        Assert.Equal(Calls, await Count(database, "SELECT count(*) FROM calls"));
        Assert.Equal(0, await Count(database, "SELECT count(*) FROM ticket_events") + await Count(database, "SELECT count(*) FROM alerts"));
    }

    private static async Task<int> NextRow(string database, Guid id) =>
        (int)await Count(database, $"SELECT COALESCE((SELECT next_row FROM imports WHERE id = '{id}'), 0)");

    private static async Task<ImportDetails> Load(string database, Guid id)
    {
        await using var source = NpgsqlDataSource.Create(database);
        return (await new ImportStore(source).LoadAsync(id))!.Details;
    }

    private static async Task<long> Count(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
