using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Bengkulu112.Api.Auth;

namespace Bengkulu112.Seed;

/// <summary>
/// `./run.sh seed --year 2024 --calls 13746 --emergencies 106`: fills a running system with a realistic year through its
/// API (at B112_API_URL), with tokens minted from the local signing key (Auth__SigningKeyFile) as `./run.sh token` does.
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

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers * 2 };
        using var clients = new TokenClients(handler, new Uri(baseUrl), issuer);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        Console.Error.WriteLine($"seed: {options.Calls} calls ({options.Emergencies} emergencies) received in {options.Year}, " +
            $"{options.Workers} workers, API {baseUrl}");
        try
        {
            var result = await new Seeder(clients, options, Console.Error).RunAsync(cancel.Token);
            Console.Error.WriteLine($"seed: done: {result.Calls} calls, {result.Emergencies} emergencies, " +
                $"{result.TicketsFollowed} tickets followed up, in {result.Elapsed.TotalSeconds:0} s");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            Console.Error.WriteLine($"seed: stopped: {e.Message}");
            return 1;
        }
    }

    /// <summary>One client per token subject: call takers `seed-calltaker-N`, OPD users `seed-opd-CODE`.</summary>
    private sealed class TokenClients(HttpMessageHandler handler, Uri baseUrl, LocalTokenIssuer issuer) : ISeedClients, IDisposable
    {
        private readonly ConcurrentDictionary<string, HttpClient> clients = new();

        public HttpClient CallTaker(int index) =>
            Client($"seed-calltaker-{index + 1}", () => issuer.Issue($"seed-calltaker-{index + 1}", Roles.CallTaker));

        public HttpClient Opd(string code) =>
            Client($"seed-opd-{code}", () => issuer.Issue($"seed-opd-{code}", Roles.Opd, code));

        private HttpClient Client(string subject, Func<string> token) => clients.GetOrAdd(subject, _ =>
        {
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token());
            return client;
        });

        public void Dispose()
        {
            foreach (var client in clients.Values)
                client.Dispose();
        }
    }
}
