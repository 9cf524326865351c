using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run, started with the project's own scripts/postgres.sh on a free
/// port in a temporary folder and stopped when the test process exits. Each fixture gets a database of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Server> Instance = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The same database as the API's own login (role bengkulu112_api, created by scripts/postgres.sh api-login):
    /// rows only, no schema changes. API hosts in tests use it, so every API test shows the grants suffice.
    /// </summary>
    public static string AsApiLogin(string connectionString)
    {
        var api = new NpgsqlConnectionStringBuilder(Instance.Value.ApiConnectionString);
        return new NpgsqlConnectionStringBuilder(connectionString) { Username = api.Username, Password = api.Password }
            .ConnectionString;
    }

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var server = Instance.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        // Small pools that let idle connections go quickly: many fixtures share one server.
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString)
        {
            Database = name,
            MaxPoolSize = 40,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    private static Server Start()
    {
        var folder = Directory.CreateTempSubdirectory("b112-test-pg-").FullName;
        // The server runs as the postgres user when the tests run as root: it must reach the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        // test.sh stops servers whose owning test process has died without stopping them (killed or hung).
        File.WriteAllText(System.IO.Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString());
        var dataDir = System.IO.Path.Combine(folder, "data");
        var port = FreePort();
        var output = RunScript(["start", dataDir, port.ToString()], fast: true);
        var connectionString = output.Trim().Split('\n').Last().Trim();
        var apiLogin = RunScript(["api-login", dataDir, port.ToString()], fast: true).Trim().Split('\n').Last().Trim();
        var server = new Server(folder, dataDir, connectionString, apiLogin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RunScript(string[] arguments, bool fast)
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "scripts", "postgres.sh");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (fast)
        {
            info.Environment["PG_FAST"] = "1";
            // Test classes run in parallel, each with its own database, silos and API host.
            info.Environment["PG_MAX_CONNECTIONS"] = "1000";
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }

    private sealed record Server(string Folder, string DataDir, string AdminConnectionString, string ApiConnectionString)
    {
        public void Stop()
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                RunScript(["stop", DataDir], fast: false);
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception e)
            {
                Console.Error.WriteLine("Stopping the test PostgreSQL failed: " + e.Message);
            }
        }
    }
}
