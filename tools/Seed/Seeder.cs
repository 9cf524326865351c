using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;

namespace Bengkulu112.Seed;

/// <summary>HTTP clients of the API, each carrying a token: call takers by index, OPD users by code.</summary>
public interface ISeedClients
{
    HttpClient CallTaker(int index);
    HttpClient Opd(string code);
}

/// <summary>
/// Drives the real API through a <see cref="YearPlan"/>: records each call (with its `received_at`), classifies it, and
/// takes each emergency's ticket through escalation, acknowledgement, on scene, resolution and closing as far as the plan
/// says. Tickets can only be dated by the server's clock, so their times are those of the seeding, not of the call.
/// </summary>
/// <remarks>
/// A re-run with the same options converges instead of adding a second year: each call is recorded with an
/// Idempotency-Key made of year, seed and index (the same call taker each time), so the API answers the first call; an
/// already classified call is left as it is and its ticket is taken on from where it stands.
/// </remarks>
public sealed class Seeder(ISeedClients clients, SeedOptions options, TextWriter progress)
{
    private const int MaxAttempts = 6;

    private int done, emergencies, tickets;

    public sealed record Result(int Calls, int Emergencies, int TicketsFollowed, TimeSpan Elapsed);

    public async Task<Result> RunAsync(CancellationToken ct = default)
    {
        var plan = YearPlan.Make(options);
        var queue = Channel.CreateBounded<PlannedCall>(options.Workers * 4);
        var clock = Stopwatch.StartNew();
        var reportEvery = Math.Max(1, plan.Count / 20);

        var producer = Task.Run(async () =>
        {
            foreach (var call in plan)
                await queue.Writer.WriteAsync(call, ct);
            queue.Writer.Complete();
        }, ct);
        var workers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(async () =>
        {
            await foreach (var call in queue.Reader.ReadAllAsync(ct))
            {
                await SeedCallAsync(call, ct);
                var count = Interlocked.Increment(ref done);
                if (count % reportEvery == 0 || count == plan.Count)
                    Report(count, plan.Count, clock.Elapsed);
            }
        }, ct)).ToList();
        await producer;
        await Task.WhenAll(workers);
        return new Result(done, emergencies, tickets, clock.Elapsed);
    }

    private void Report(int count, int total, TimeSpan elapsed)
    {
        var rate = count / Math.Max(0.001, elapsed.TotalSeconds);
        var eta = TimeSpan.FromSeconds((total - count) / Math.Max(0.001, rate));
        lock (progress)
            progress.WriteLine($"seed: {count}/{total} calls ({100.0 * count / total:0}%), {Volatile.Read(ref emergencies)} emergencies, {rate:0} calls/s, {eta:mm\\:ss} to go");
    }

    private async Task SeedCallAsync(PlannedCall call, CancellationToken ct)
    {
        var client = clients.CallTaker(call.Index % SeedOptions.CallTakers);
        var key = $"seed-{options.Year}-{options.Seed}-{call.Index}";
        var recorded = await SendAsync(client, () => Post("/api/v1/calls", new
        {
            caller_number = call.CallerNumber,
            received_at = call.ReceivedAt,
            channel = call.Channel,
        }, key), ct);
        var callId = await IdOf(recorded, HttpStatusCode.Created, "record a call", ct);

        using var classified = await SendAsync(client, () => Post($"/api/v1/calls/{callId}/classify", ClassifyBody(call)), ct);
        string? ticketId;
        string status;
        if (classified.StatusCode == HttpStatusCode.Conflict)
        {
            // Classified by an earlier run: take its ticket on from where it stands.
            using var read = await SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/calls/{callId}"), ct);
            ticketId = (await Json(read, HttpStatusCode.OK, "read a call", ct)).GetProperty("ticket_id").GetString();
            if (call.Emergency is null || ticketId is null)
                return;
            using var ticket = await SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{ticketId}"), ct);
            status = (await Json(ticket, HttpStatusCode.OK, "read a ticket", ct)).GetProperty("status").GetString()!;
        }
        else
        {
            var body = await Json(classified, HttpStatusCode.OK, "classify a call", ct);
            if (call.Emergency is null)
                return;
            ticketId = body.GetProperty("ticket_id").GetString()!;
            status = "open";
        }
        Interlocked.Increment(ref emergencies);
        await FollowAsync(client, ticketId, status, call.Emergency, ct);
        Interlocked.Increment(ref tickets);
    }

    private static object ClassifyBody(PlannedCall call) => call.Emergency is not { } e
        ? new { classification = call.Classification }
        : new
        {
            classification = "emergency",
            ticket = new
            {
                category = e.Category,
                description = e.Description,
                location = new { address = e.Address, kecamatan = e.Kecamatan },
                blood = e.Category == "blood" ? new { group = "O+", units = 2, hospital = "RSUD Dr. M. Yunus" } : null,
            },
        };

    /// <summary>The steps after each status, who takes them, and what the plan's outcome needs.</summary>
    private static readonly (string From, string Step, bool ByOpd, string Reaches)[] Steps =
    [
        ("open", "escalate", false, "escalated"),
        ("escalated", "acknowledge", true, "acknowledged"),
        ("acknowledged", "on-scene", true, "on_scene"),
        ("on_scene", "resolve", true, "resolved"),
        ("resolved", "close", false, "closed"),
    ];

    private static readonly string[] Order = ["open", "escalated", "acknowledged", "on_scene", "resolved", "closed"];

    private async Task FollowAsync(HttpClient callTaker, string ticketId, string status, PlannedEmergency plan, CancellationToken ct)
    {
        if (plan.Outcome == "cancelled")
        {
            if (status == "open")
                await CommandAsync(callTaker, ticketId, "cancel", new { reason = "Laporan ganda / sudah ditangani warga" }, ct);
            return;
        }
        var target = Array.IndexOf(Order, plan.Outcome);
        string? opd = null;
        foreach (var (from, step, byOpd, reaches) in Steps)
        {
            if (Array.IndexOf(Order, reaches) > target || Array.IndexOf(Order, status) > Array.IndexOf(Order, from))
                continue;
            if (status != from)
                return; // somewhere the plan does not lead (cancelled, rejected): leave it
            if (byOpd && opd is null)
                opd = await OpdOfAsync(callTaker, ticketId, ct);
            if (options.StepDelayMs > 0)
                await Task.Delay(Random.Shared.Next(options.StepDelayMs / 5, options.StepDelayMs + 1), ct);
            object body = step == "resolve" ? new { note = "Selesai ditangani" } : new { };
            var after = await CommandAsync(byOpd ? clients.Opd(opd!) : callTaker, ticketId, step, body, ct);
            if (after is null)
                return;
            status = after.Value.GetProperty("status").GetString()!;
            opd ??= after.Value.GetProperty("opd").GetString();
        }
    }

    private async Task<string> OpdOfAsync(HttpClient client, string ticketId, CancellationToken ct)
    {
        using var read = await SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tickets/{ticketId}"), ct);
        return (await Json(read, HttpStatusCode.OK, "read a ticket", ct)).GetProperty("opd").GetString()!;
    }

    /// <summary>The ticket after the command, or null when it was refused (409: a retry that had already gone through).</summary>
    private async Task<JsonElement?> CommandAsync(HttpClient client, string ticketId, string step, object body, CancellationToken ct)
    {
        using var response = await SendAsync(client, () => Post($"/api/v1/tickets/{ticketId}/{step}", body), ct);
        if (response.StatusCode == HttpStatusCode.Conflict)
            return null;
        return await Json(response, HttpStatusCode.OK, step + " a ticket", ct);
    }

    private static HttpRequestMessage Post(string path, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>Sends, waiting out 429 (Retry-After) and retrying 5xx and broken connections a few times.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            try
            {
                response = await client.SendAsync(request(), ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    response.Dispose();
                    await Task.Delay(wait, ct);
                    attempt--; // waiting for the rate limit is not a failure
                    continue;
                }
                if ((int)response.StatusCode < 500 || attempt >= MaxAttempts)
                    return response;
                response.Dispose();
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                response?.Dispose();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), ct);
        }
    }

    private static async Task<string> IdOf(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        using (response)
            return (await Json(response, expected, what, ct)).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
