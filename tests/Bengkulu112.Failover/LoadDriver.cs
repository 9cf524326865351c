using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bengkulu112.Failover;

/// <summary>
/// The steady stream of work: each worker takes calls like a call taker (record, classify: most are emergencies that
/// open an animal ticket, some are pranks), escalates the ticket, and as the fire brigade acknowledges every other one
/// at once (the rest run into their acknowledge deadline). Workers spread over the API nodes like a load balancer:
/// a node that refuses connections is taken out of rotation. Every answer is kept, every 2xx in the ledger.
/// </summary>
public sealed class LoadDriver(IReadOnlyList<Uri> nodes, string callTakerToken, string opdToken, string category)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromMilliseconds(300);
    /// <summary>A node that refused a connection is avoided this long, as a load balancer's health check would.</summary>
    private static readonly TimeSpan NodeQuarantine = TimeSpan.FromSeconds(60);

    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly ConcurrentDictionary<string, AcceptedCall> _calls = new();
    private readonly ConcurrentDictionary<string, AcceptedTicket> _tickets = new();
    private readonly long[] _quarantinedUntil = new long[nodes.Count];
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = RequestTimeout,
    };

    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;
    public IReadOnlyDictionary<string, AcceptedCall> Calls => _calls;
    public IReadOnlyDictionary<string, AcceptedTicket> Tickets => _tickets;

    /// <summary>Seconds since the load started.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public async Task RunAsync(int workers, CancellationToken stop)
    {
        _clock.Start();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w, stop))));
    }

    private async Task WorkAsync(int worker, CancellationToken stop)
    {
        for (var flow = 0; !stop.IsCancellationRequested; flow++)
        {
            var completed = await FlowAsync(worker, flow, stop);
            await Delay(completed ? Pause : PauseAfterFailure, stop);
        }
    }

    /// <summary>One call from intake to (maybe) acknowledged ticket; stops at the first failed step.</summary>
    private async Task<bool> FlowAsync(int worker, int flow, CancellationToken stop)
    {
        var call = await SendAsync(worker, "record", HttpMethod.Post, "/api/v1/calls", callTakerToken,
            new { caller_number = "0812" + Random.Shared.Next(10_000_000, 99_999_999), channel = "voice" });
        if (call is null)
            return false;
        var callId = call.Value.GetProperty("id").GetString()!;
        _calls[callId] = new AcceptedCall(callId, null, null);
        await Delay(Pause, stop);

        var prank = flow % 4 == 3;
        object classification = prank
            ? new { classification = "prank" }
            : new
            {
                classification = "emergency",
                ticket = new
                {
                    category,
                    description = $"Ular masuk rumah (load {worker}-{flow})",
                    location = new { address = "Jl. Kinibalu 7", kecamatan = "Gading Cempaka" },
                },
            };
        var classified = await SendAsync(worker, "classify", HttpMethod.Post, $"/api/v1/calls/{callId}/classify",
            callTakerToken, classification);
        if (classified is null)
            return false;
        var ticketId = classified.Value.GetProperty("ticket_id").GetString();
        _calls[callId] = new AcceptedCall(callId, prank ? "prank" : "emergency", ticketId);
        if (ticketId is null)
            return true;
        _tickets[ticketId] = new AcceptedTicket(ticketId, 1, "open");
        await Delay(Pause, stop);

        if (!await TicketCommandAsync(worker, ticketId, "escalate", callTakerToken))
            return false;
        if (flow % 2 == 0)
            return true; // left for its acknowledge deadline
        await Delay(Pause, stop);
        return await TicketCommandAsync(worker, ticketId, "acknowledge", opdToken);
    }

    private async Task<bool> TicketCommandAsync(int worker, string ticketId, string command, string token)
    {
        var ticket = await SendAsync(worker, command, HttpMethod.Post, $"/api/v1/tickets/{ticketId}/{command}", token, new { });
        if (ticket is null)
            return false;
        var accepted = new AcceptedTicket(ticketId, ticket.Value.GetProperty("version").GetInt32(),
            ticket.Value.GetProperty("status").GetString()!);
        _tickets.AddOrUpdate(ticketId, accepted, (_, known) => known.Version >= accepted.Version ? known : accepted);
        return true;
    }

    /// <summary>Sends one request to a node that is not in quarantine; answers the 2xx body, or null after recording why not.</summary>
    private async Task<JsonElement?> SendAsync(int worker, string kind, HttpMethod method, string path, string token,
        object body)
    {
        var node = PickNode(worker);
        using var request = new HttpRequestMessage(method, new Uri(nodes[node], path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var start = Now;
        try
        {
            using var response = await _http.SendAsync(request, CancellationToken.None);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var json = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                _outcomes.Enqueue(new Outcome(start, Now, node, kind, status, null));
                return json;
            }
            _outcomes.Enqueue(new Outcome(start, Now, node, kind, status, response.Content.Headers.ContentType?.MediaType ?? "no content type"));
        }
        catch (HttpRequestException)
        {
            _outcomes.Enqueue(new Outcome(start, Now, node, kind, 0, "unreachable"));
            Interlocked.Exchange(ref _quarantinedUntil[node], Stopwatch.GetTimestamp() + (long)(NodeQuarantine.TotalSeconds * Stopwatch.Frequency));
        }
        catch (TaskCanceledException)
        {
            _outcomes.Enqueue(new Outcome(start, Now, node, kind, 0, "timeout"));
        }
        return null;
    }

    private int PickNode(int worker)
    {
        var preferred = worker % nodes.Count;
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = (preferred + i) % nodes.Count;
            if (Interlocked.Read(ref _quarantinedUntil[node]) < Stopwatch.GetTimestamp())
                return node;
        }
        return preferred;
    }

    private static async Task Delay(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
            // the load is over: the flow's next step is not sent
        }
    }
}
