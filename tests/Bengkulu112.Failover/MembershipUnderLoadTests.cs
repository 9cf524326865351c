using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Bengkulu112.Failover;

/// <summary>
/// Failure detection is tuned to declare a killed silo dead within seconds (MembershipSettings); it must not declare a
/// live silo dead when the machine is overloaded. Every core is kept busy for a minute by spinning threads (twice as
/// many as cores, at normal priority) while the cluster serves requests; afterwards all silos are still active and none
/// was ever declared dead.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class MembershipUnderLoadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Saturation = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_minute_of_saturated_cores_declares_no_live_silo_dead()
    {
        var results = Path.Combine(ClusterProcesses.RepositoryRoot, "TestResults");
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 1, Path.Combine(results, "saturation-logs"));
        using var http = new HttpClient { BaseAddress = cluster.ApiUrls[0], Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await cluster.TokenAsync("supervisor"));

        using var stop = new CancellationTokenSource(Saturation);
        var spinners = Enumerable.Range(0, Environment.ProcessorCount * 2)
            .Select(_ => Task.Factory.StartNew(() =>
            {
                while (!stop.IsCancellationRequested)
                    Thread.SpinWait(10_000);
            }, TaskCreationOptions.LongRunning))
            .ToList();
        int answered = 0, failed = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("/api/v1/opds");
                if (response.IsSuccessStatusCode)
                    answered++;
                else
                    failed++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failed++;
            }
            await Task.Delay(100);
        }
        await Task.WhenAll(spinners);

        var (active, dead) = await MembershipAsync(cluster);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores saturated for {Saturation.TotalSeconds:0} s by {spinners.Count} spinning threads: {answered} requests answered 2xx, {failed} not; silos active {active}, declared dead {dead}"));
        Assert.Equal(0, dead);
        Assert.Equal(3, active);
    }

    private static async Task<(int Active, int Dead)> MembershipAsync(ClusterProcesses cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE status = 3), count(*) FILTER (WHERE status = 6) FROM orleansmembershiptable WHERE deploymentid = $1",
            connection);
        command.Parameters.AddWithValue(cluster.ClusterId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }
}
