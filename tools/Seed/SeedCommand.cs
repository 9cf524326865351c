using System.Net.Http.Headers;
using Bengkulu112.Api.Auth;

namespace Bengkulu112.Seed;

/// <summary>
/// `./run.sh seed --year 2024 --calls 13746 --emergencies 106`: fills a running system with a realistic year through its
/// history import (API at B112_API_URL), with a supervisor token minted from the local signing key
/// (Auth__SigningKeyFile) as `./run.sh token` does; `--csv FILE` only writes the import file.
/// </summary>
public static class SeedCommand
{
    public static async Task<int> Main(string[] args)
    {
        var options = SeedOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine($"seed: {error}\n{SeedOptions.Usage}");
            return 2;
        }
        if (options.CsvFile is { } path)
        {
            await File.WriteAllTextAsync(path, ImportFileWriter.Write(YearPlan.Make(options), options));
            Console.Error.WriteLine($"seed: wrote {options.Calls} calls of {options.Year} to {path}");
            return 0;
        }
        var baseUrl = (Environment.GetEnvironmentVariable("B112_API_URL") is { Length: > 0 } url ? url : "http://127.0.0.1:5112")
            .Split(';')[0].TrimEnd('/');
        var settings = new AuthSettings { SigningKeyFile = Environment.GetEnvironmentVariable("Auth__SigningKeyFile") };
        LocalTokenIssuer issuer;
        try
        {
            issuer = new LocalTokenIssuer(settings, LocalSigningKey.Load(settings), TimeProvider.System);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"seed: {e.Message}");
            return 1;
        }

        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", issuer.Issue("seed-supervisor", Roles.Supervisor));
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        Console.Error.WriteLine($"seed: {options.Calls} calls ({options.Emergencies} emergencies) received in {options.Year}, " +
            $"through the history import of {baseUrl}");
        try
        {
            var result = await new Seeder(new SupervisorClient(client), options, Console.Error).RunAsync(cancel.Token);
            Console.Error.WriteLine($"seed: done: {result.Calls} calls, {result.Emergencies} emergencies; {result.Imported} " +
                $"imported, {result.AlreadyPresent} already present, {result.Refused} refused, in {result.Elapsed.TotalSeconds:0} s");
            return result.Refused == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            Console.Error.WriteLine($"seed: stopped: {e.Message}");
            return 1;
        }
    }

    private sealed class SupervisorClient(HttpClient client) : ISeedClients
    {
        public HttpClient Supervisor() => client;
    }
}
