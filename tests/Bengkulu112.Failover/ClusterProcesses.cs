using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bengkulu112.Failover;

/// <summary>
/// A whole Bengkulu112 system as separate OS processes, started the way `./run.sh --silos N --api 1` starts it: a PostgreSQL through
/// scripts/postgres.sh (in a temporary folder, on a free port), silos and API nodes from the built binaries
/// (`dotnet Bengkulu112.Silo.dll` / `Bengkulu112.Api.dll`) configured through the environment. Killing one is SIGKILL.
/// </summary>
public sealed class ClusterProcesses : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _pgData;
    private readonly int _pgPort;
    private readonly string _keyFile;
    private readonly string _tlsFolder;
    private readonly string _logs;
    private readonly List<Process> _silos = [];
    private readonly List<Process> _apis = [];

    public string ConnectionString { get; }
    public IReadOnlyList<Uri> ApiUrls { get; }
    public string ClusterId { get; } = "b112-failover-" + Guid.NewGuid().ToString("N")[..6];

    private ClusterProcesses(string folder, string pgData, int pgPort, string connectionString, string logs, int apiCount)
    {
        _folder = folder;
        _pgData = pgData;
        _pgPort = pgPort;
        _logs = logs;
        ConnectionString = connectionString;
        _keyFile = Path.Combine(folder, "jwt-signing.key");
        _tlsFolder = Path.Combine(folder, "tls");
        File.WriteAllText(_keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)));
        ApiUrls = Enumerable.Range(0, apiCount).Select(_ => new Uri($"http://127.0.0.1:{FreePort()}")).ToList();
    }

    /// <summary>Starts PostgreSQL, <paramref name="silos"/> silos and <paramref name="apis"/> API nodes; answers when all serve.</summary>
    public static async Task<ClusterProcesses> StartAsync(int silos, int apis, string logs)
    {
        // Named like the test suite's throwaway servers, with the owner's pid: test.sh stops it if this process dies.
        var folder = Directory.CreateTempSubdirectory("b112-test-pg-").FullName;
        // The server runs as the postgres user when the tests run as root: it must reach the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)Convert.ToInt32("755", 8));
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString());
        Directory.CreateDirectory(logs);
        var pgData = Path.Combine(folder, "data");
        var pgPort = FreePort();
        var output = await PostgresScript("start", pgData, pgPort.ToString());
        var cluster = new ClusterProcesses(folder, pgData, pgPort, output.Trim().Split('\n')[^1].Trim(), logs, apis);
        try
        {
            await cluster.CreateClusterCertificatesAsync();
            for (var i = 0; i < silos; i++)
                cluster._silos.Add(cluster.StartSilo(i));
            for (var i = 0; i < apis; i++)
                cluster._apis.Add(cluster.StartApi(i));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            foreach (var url in cluster.ApiUrls)
                await WaitUntil(TimeSpan.FromSeconds(120), () => IsReady(http, url), $"{url} ready");
            await WaitUntil(TimeSpan.FromSeconds(60), async () => await cluster.ActiveSilos() == silos, $"{silos} active silos");
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>The cluster's mutual-TLS files, made by the silo binary's own `tls-certs` command as ./run.sh does.</summary>
    private async Task CreateClusterCertificatesAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(BinaryPath("Silo"));
        info.ArgumentList.Add("tls-certs");
        info.ArgumentList.Add(_tlsFolder);
        await Run(info, "tls-certs");
    }

    private Process StartSilo(int index) => Start(BinaryPath("Silo"), $"silo-{index}", new()
    {
        ["Orleans__SiloPort"] = FreePort().ToString(),
        ["Orleans__GatewayPort"] = FreePort().ToString(),
    });

    private Process StartApi(int index) => Start(BinaryPath("Api"), $"api-{index}", new()
    {
        ["ASPNETCORE_URLS"] = ApiUrls[index].ToString().TrimEnd('/'),
        ["Auth__SigningKeyFile"] = _keyFile,
        // One load generator speaks for many call takers with one token: lift the per-token limit, not the code path.
        ["RateLimits__PermitsPerMinute"] = "600000",
        ["RateLimits__Burst"] = "10000",
    });

    private Process Start(string dll, string name, Dictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        // exec: the pid is dotnet's own, so a kill hits the silo or API process itself.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec dotnet \"$0\" >>\"$1\" 2>&1 </dev/null");
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(Path.Combine(_logs, name + ".log"));
        info.Environment["ConnectionStrings__Postgres"] = ConnectionString;
        info.Environment["Orleans__ClusterId"] = ClusterId;
        info.Environment["Orleans__ServiceId"] = ClusterId;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment["Orleans__Tls__CertificateFile"] = Path.Combine(_tlsFolder, "tls.crt");
        info.Environment["Orleans__Tls__KeyFile"] = Path.Combine(_tlsFolder, "tls.key");
        info.Environment["Orleans__Tls__CaFile"] = Path.Combine(_tlsFolder, "ca.crt");
        foreach (var (key, value) in settings)
            info.Environment[key] = value;
        return Process.Start(info)!;
    }

    /// <summary>kill -9 of a silo process: no graceful leave, its grains and timers are gone.</summary>
    public void KillSilo(int index) => _silos[index].Kill();

    /// <summary>kill -9 of an API node.</summary>
    public void KillApi(int index) => _apis[index].Kill();

    public Task StopPostgresAsync() => PostgresScript("stop", _pgData);

    /// <summary>Starts PostgreSQL again on the same data and port.</summary>
    public async Task StartPostgresAsync()
    {
        await PostgresScript("start", _pgData, _pgPort.ToString());
        Npgsql.NpgsqlConnection.ClearAllPools(); // this process's own connections died with the server
    }

    /// <summary>A token minted by the API binary's own `token` command with this system's signing key.</summary>
    public async Task<string> TokenAsync(string role, string? opd = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(BinaryPath("Api"));
        info.ArgumentList.Add("token");
        info.ArgumentList.Add(role);
        if (opd is not null)
            info.ArgumentList.Add(opd);
        info.Environment["Auth__SigningKeyFile"] = _keyFile;
        return (await Run(info, "token " + role)).Trim();
    }

    /// <summary>Silos whose membership row says Active (status 3).</summary>
    public async Task<int> ActiveSilos()
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3", connection);
        command.Parameters.AddWithValue(ClusterId);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    public static async Task<bool> IsReady(HttpClient http, Uri api)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(api, "/health/ready"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public static async Task WaitUntil(TimeSpan timeout, Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or HttpRequestException)
            {
                // not yet
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}");
            await Task.Delay(250);
        }
    }

    private static string BinaryPath(string project)
    {
        // tests/Bengkulu112.Failover/bin/<Configuration>/net10.0/: the processes come from the same configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", configuration, output.Name, $"Bengkulu112.{project}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the solution first: {path} is missing", path);
    }

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bengkulu112.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Bengkulu112.sln not found above " + AppContext.BaseDirectory);
    }

    private static Task<string> PostgresScript(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "postgres.sh"));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // Sized for three silos and two API nodes, each with its own pool. Durable settings (fsync on), as in production.
        info.Environment["PG_MAX_CONNECTIONS"] = "500";
        return Run(info, "scripts/postgres.sh " + arguments[0]);
    }

    private static async Task<string> Run(ProcessStartInfo info, string what)
    {
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{what} failed ({process.ExitCode}): {await stderr}");
        return stdout;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills what is still running (the scenario is over; nothing to drain) and removes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _apis.Concat(_silos))
        {
            try
            {
                if (!process.HasExited)
                    process.Kill();
                await process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            process.Dispose();
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            await PostgresScript("stop", _pgData);
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("Stopping the fail-over PostgreSQL failed: " + e.Message);
        }
    }
}
