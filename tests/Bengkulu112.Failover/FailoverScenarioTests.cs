using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace Bengkulu112.Failover;

/// <summary>
/// Issue 6's fail-over test, on real processes: under a steady stream of intake and ticket commands through two API
/// nodes, kill -9 one of three silos, then one API node, then restart PostgreSQL. Every 2xx must be durable and visible
/// afterwards, no ticket may be in an impossible state, every acknowledge deadline must raise exactly one breach, and
/// service must come back within bounds. The figures are printed to the test output and to TestResults/failover.txt.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class FailoverScenarioTests(ITestOutputHelper output)
{
    private const string Category = "animal";
    private const int Workers = 8;
    private static readonly TimeSpan AcknowledgeDeadline = TimeSpan.FromSeconds(5);

    // Seconds after the load starts.
    private const double KillSiloAt = 8;
    private const double KillApiAt = 38;
    private const double StopPostgresAt = 50;
    private static readonly TimeSpan PostgresDown = TimeSpan.FromSeconds(8);
    private const double LoadEndsAt = 75;

    // The bounds asserted: a killed silo is detected in a few seconds with the tuned membership (MembershipSettings); the
    // silo bound is loose for a loaded machine, the window itself is printed (target: requests fail for at most 5 s).
    private static readonly TimeSpan SiloRecoveryBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ApiRecoveryBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PostgresRecoveryBound = TimeSpan.FromSeconds(10);
    /// <summary>A deadline whose timer died with its silo (or failed while PostgreSQL was down) acts at the reminder's next tick.</summary>
    private static readonly TimeSpan DeadlineSettleBound = TimeSpan.FromSeconds(100);

    private static readonly string[] StatusOrder = ["open", "escalated", "acknowledged"];

    [Fact]
    public async Task Killed_silo_killed_API_node_and_restarted_PostgreSQL_lose_nothing_and_service_recovers()
    {
        var results = Path.Combine(ClusterProcesses.RepositoryRoot, "TestResults");
        await using var cluster = await ClusterProcesses.StartAsync(silos: 3, apis: 2, Path.Combine(results, "failover-logs"));
        var callTaker = await cluster.TokenAsync("calltaker");
        var damkar = await cluster.TokenAsync("opd", "damkar");
        var supervisor = await cluster.TokenAsync("supervisor");
        await SetRouting(cluster.ApiUrls[0], await cluster.TokenAsync("admin"));

        var load = new LoadDriver(cluster.ApiUrls, callTaker, damkar, Category);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Workers, stop.Token);

        await Until(load, KillSiloAt);
        var siloKilled = load.Now;
        cluster.KillSilo(1);
        await Until(load, KillApiAt);
        var apiKilled = load.Now;
        cluster.KillApi(1);
        await Until(load, StopPostgresAt);
        var pgStopping = load.Now;
        await cluster.StopPostgresAsync();
        var pgDown = load.Now;
        await Task.Delay(PostgresDown);
        await cluster.StartPostgresAsync();
        var pgUp = load.Now;
        await Until(load, LoadEndsAt);
        stop.Cancel();
        await running;
        var loadEnded = load.Now;

        var outcomes = load.Outcomes.OrderBy(o => o.End).ToList();
        var silo = Phase(outcomes, siloKilled, apiKilled);
        var api = Phase(outcomes, apiKilled, pgStopping);
        var pg = Phase(outcomes, pgStopping, loadEnded);
        var pgRecovered = pg.LastFailure is { } last && last > pgUp ? last - pgUp : 0;
        var pgWindow = outcomes.Where(o => o.End >= pgStopping).ToList();

        using var readback = new Readback(cluster.ApiUrls[0], supervisor, cluster.ConnectionString);
        var problems = new List<string>();
        var lostCalls = await CheckCalls(readback, load, problems);
        var deadlineWait = System.Diagnostics.Stopwatch.StartNew();
        var (deadlines, lostTickets) = await CheckTickets(readback, load, problems);

        var figures = new StringBuilder();
        figures.AppendLine(CultureInfo.InvariantCulture, $"Fail-over scenario, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores: 3 silos, 2 API nodes, PostgreSQL; {Workers} workers, {loadEnded:0} s of load");
        figures.AppendLine(CultureInfo.InvariantCulture, $"requests: {outcomes.Count} sent, {outcomes.Count(o => o.Succeeded)} accepted (2xx), {outcomes.Count(o => o.Failed)} failed ({Breakdown(outcomes.Where(o => o.Failed))}); slowest {outcomes.Max(o => o.End - o.Start):0.0} s");
        figures.AppendLine(CultureInfo.InvariantCulture, $"accepted: {load.Calls.Count} calls, {load.Tickets.Count} tickets; lost: {lostCalls + lostTickets}; problems found: {problems.Count}; read-back requests answered 503: {readback.Retried}");
        figures.AppendLine(CultureInfo.InvariantCulture, $"deadlines: {deadlines.Due} tickets left unacknowledged past their deadline, {deadlines.Breached} breached once, {deadlines.Missing} missing, {deadlines.Duplicated} duplicated; {deadlines.AcknowledgedInTime} acknowledged in time raised none; settled {deadlineWait.Elapsed.TotalSeconds:0} s after the load");
        figures.AppendLine(CultureInfo.InvariantCulture, $"silo kill -9 at {siloKilled:0.0} s: {silo.Failed.Count} failed ({Breakdown(silo.Failed)}){silo.Span(siloKilled)}; serving steadily again after {silo.Recovery:0.0} s");
        var intakes = outcomes.Where(o => o.Kind == "record" && o.End >= siloKilled && o.End < apiKilled).ToList();
        figures.AppendLine(CultureInfo.InvariantCulture, $"call intake during the silo kill: {intakes.Count} POST /calls, {silo.Failed.Count(o => o.Kind == "record")} failed; slowest {(intakes.Count == 0 ? 0 : intakes.Max(o => o.End - o.Start)):0.0} s");
        figures.AppendLine(CultureInfo.InvariantCulture, $"API node kill -9 at {apiKilled:0.0} s: {api.Failed.Count} failed ({Breakdown(api.Failed)}), {api.Failed.Count(o => o.Node != 1)} on the surviving node{api.Span(apiKilled)}; serving again after {api.Recovery:0.0} s");
        figures.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL stopped at {pgStopping:0.0} s, down {pgUp - pgDown:0.0} s: {pg.Failed.Count} failed ({Breakdown(pg.Failed)}), slowest failure {(pg.Failed.Count == 0 ? 0 : pg.Failed.Max(o => o.End - o.Start)):0.0} s{pg.Span(pgStopping)}; serving again {pgRecovered:0.0} s after it was back");
        var text = figures.ToString();
        output.WriteLine(text);
        foreach (var problem in problems.Take(50))
            output.WriteLine("problem: " + problem);
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "failover.txt"), text);

        Assert.Empty(problems);
        Assert.Equal(0, lostCalls + lostTickets);
        Assert.Equal(0, deadlines.Missing + deadlines.Duplicated);
        Assert.True(deadlines.Due > 0, "some tickets should have run into their deadline");
        Assert.DoesNotContain(outcomes, o => o.Status >= 500 && !o.IsProblem503);
        Assert.DoesNotContain(outcomes, o => o.Failure == "timeout");
        Assert.DoesNotContain(outcomes, o => o.Status is > 0 and < 500 && o.Failed);
        Assert.All(pgWindow.Where(o => o.Failed), o => Assert.True(o.IsProblem503, $"while PostgreSQL was down: {o}"));
        Assert.All(api.Failed, o => Assert.Equal(1, o.Node));
        Assert.DoesNotContain(silo.Failed, o => o.Kind == "record"); // a silo's crash refuses no call (IntakeRetry)
        Assert.InRange(silo.Recovery, 0, SiloRecoveryBound.TotalSeconds);
        Assert.InRange(api.Recovery, 0, ApiRecoveryBound.TotalSeconds);
        Assert.InRange(pgRecovered, 0, PostgresRecoveryBound.TotalSeconds);
        Assert.True(outcomes.Count(o => o.Succeeded && o.End > loadEnded - 5) > 0, "the cluster serves at the end");
    }

    private sealed record PhaseFigures(List<Outcome> Failed, double? LastFailure, double Recovery)
    {
        /// <summary>When failures were seen, relative to the event: ", failing from +0.3 s to +11.0 s".</summary>
        public string Span(double from) => Failed.Count == 0 ? ""
            : string.Create(CultureInfo.InvariantCulture, $", failing from +{Failed.Min(o => o.End) - from:0.0} s to +{LastFailure - from:0.0} s");
    }

    /// <summary>Failures that ended in [from, to); recovery: from the event to the end of the last of them.</summary>
    private static PhaseFigures Phase(List<Outcome> outcomes, double from, double to)
    {
        var failed = outcomes.Where(o => o.End >= from && o.End < to && o.Failed).ToList();
        double? last = failed.Count == 0 ? null : failed.Max(o => o.End);
        return new PhaseFigures(failed, last, last is { } l ? l - from : 0);
    }

    private static string Breakdown(IEnumerable<Outcome> failed)
    {
        var groups = failed.GroupBy(o => o.Category).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}: {g.Count()}").ToList();
        return groups.Count == 0 ? "none" : string.Join(", ", groups);
    }

    private static async Task Until(LoadDriver load, double second)
    {
        var wait = second - load.Now;
        if (wait > 0)
            await Task.Delay(TimeSpan.FromSeconds(wait));
    }

    /// <summary>Animal reports go to damkar with a second-scale acknowledge deadline; the later steps are hours away.</summary>
    private static async Task SetRouting(Uri api, string adminToken)
    {
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var response = await http.PutAsJsonAsync($"/api/v1/routing/{Category}", new
        {
            priority = "P2",
            primary_opd = "damkar",
            supporting_opds = Array.Empty<string>(),
            deadlines = new { acknowledge = $"PT{AcknowledgeDeadline.TotalSeconds:0}S", on_scene = "PT1H", resolve = "PT2H" },
        });
        Assert.True(response.IsSuccessStatusCode, $"PUT routing: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every call that got a 2xx is readable, with the classification (and ticket) the 2xx reported.</summary>
    private static async Task<int> CheckCalls(Readback readback, LoadDriver load, List<string> problems)
    {
        var lost = 0;
        foreach (var accepted in load.Calls.Values)
        {
            if (await readback.GetAsync($"/api/v1/calls/{accepted.Id}") is not { } call)
            {
                lost++;
                problems.Add($"call {accepted.Id} accepted but not found");
                continue;
            }
            var classification = call.GetProperty("classification").GetString();
            var ticket = call.GetProperty("ticket_id").GetString();
            if (accepted.Classification is not null && (classification != accepted.Classification || ticket != accepted.TicketId))
                problems.Add($"call {accepted.Id}: accepted as {accepted.Classification}/{accepted.TicketId}, reads {classification}/{ticket}");
        }
        return lost;
    }

    private sealed record DeadlineFigures(int Due, int Breached, int Missing, int Duplicated, int AcknowledgedInTime);

    /// <summary>
    /// Every accepted ticket is readable at its 2xx version or later in a status the state machine reaches from the
    /// accepted one; every ticket of the run (also those whose opening request failed after it was applied) is in a
    /// possible state, agrees with the read model, and raised exactly one breach per deadline it ran past.
    /// </summary>
    private static async Task<(DeadlineFigures, int Lost)> CheckTickets(Readback readback, LoadDriver load, List<string> problems)
    {
        // First wait until every deadline that passed has acted (timers lost with the killed silo act at the reminder's tick).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        Dictionary<string, JsonElement> tickets;
        Dictionary<(string Ticket, string Kind, string Deadline), int> alerts;
        while (true)
        {
            var ids = (await readback.ListTicketsAsync(Category)).Keys.Union(load.Tickets.Keys);
            tickets = await readback.GetTicketsAsync(ids);
            alerts = await readback.AlertCountsAsync();
            var pending = tickets.Values.Count(t => IsOverdue(t) && Breaches(t) == 0);
            if (pending == 0 || waited.Elapsed > DeadlineSettleBound)
                break;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        // Then give timers and reminder ticks time to fire twice, if they were going to.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var listed = await readback.ListTicketsAsync(Category);
        tickets = await readback.GetTicketsAsync(listed.Keys.Union(load.Tickets.Keys));
        alerts = await readback.AlertCountsAsync();

        var lost = 0;
        foreach (var accepted in load.Tickets.Values)
        {
            if (!tickets.TryGetValue(accepted.Id, out var ticket))
            {
                lost++;
                problems.Add($"ticket {accepted.Id} accepted (v{accepted.Version} {accepted.Status}) but not found");
                continue;
            }
            var version = ticket.GetProperty("version").GetInt32();
            var status = ticket.GetProperty("status").GetString()!;
            if (version < accepted.Version || Array.IndexOf(StatusOrder, status) < Array.IndexOf(StatusOrder, accepted.Status))
            {
                lost++;
                problems.Add($"ticket {accepted.Id}: accepted v{accepted.Version} {accepted.Status}, reads v{version} {status}");
            }
        }

        int due = 0, breached = 0, missing = 0, duplicated = 0, inTime = 0;
        foreach (var (id, ticket) in tickets)
        {
            var status = ticket.GetProperty("status").GetString()!;
            CheckPossible(id, ticket, status, problems);
            if (!listed.TryGetValue(id, out var summary))
                problems.Add($"ticket {id} missing from GET /tickets");
            else if (summary.GetProperty("status").GetString() != status || summary.GetProperty("version").GetInt32() != ticket.GetProperty("version").GetInt32())
                problems.Add($"ticket {id}: GET /tickets says v{summary.GetProperty("version")} {summary.GetProperty("status")}, the ticket v{ticket.GetProperty("version")} {status}");

            var slaAlerts = alerts.GetValueOrDefault((id, "sla.breached", "acknowledge"));
            var overdueAlerts = alerts.GetValueOrDefault((id, "escalation.overdue", "acknowledge"));
            var breaches = Breaches(ticket);
            if (slaAlerts > 1 || overdueAlerts > 1 || breaches > 1)
            {
                duplicated++;
                problems.Add($"ticket {id}: {breaches} breaches, {slaAlerts} sla.breached and {overdueAlerts} escalation.overdue alerts");
            }
            else if (slaAlerts != breaches || overdueAlerts != breaches)
                problems.Add($"ticket {id}: {breaches} breaches but {slaAlerts} sla.breached and {overdueAlerts} escalation.overdue alerts");
            if (IsOverdue(ticket))
            {
                due++;
                if (breaches == 1 && slaAlerts == 1)
                    breached++;
                else if (breaches == 0 || slaAlerts == 0)
                {
                    missing++;
                    problems.Add($"ticket {id}: acknowledge deadline passed unacknowledged, no breach");
                }
            }
            else if (Timestamp(ticket, "acknowledged_at") is { } acknowledged && acknowledged <= AcknowledgeDue(ticket))
            {
                inTime++;
                if (breaches + slaAlerts + overdueAlerts > 0)
                    problems.Add($"ticket {id}: acknowledged in time, yet breached");
            }
        }
        foreach (var ((ticket, _, _), _) in alerts.Where(a => !tickets.ContainsKey(a.Key.Ticket)))
            problems.Add($"alert for ticket {ticket}, which is not in the run");
        return (new DeadlineFigures(due, breached, missing, duplicated, inTime), lost);
    }

    /// <summary>The load only escalates and acknowledges: each status must carry exactly the facts its path implies.</summary>
    private static void CheckPossible(string id, JsonElement t, string status, List<string> problems)
    {
        var escalated = Timestamp(t, "escalated_at");
        var acknowledged = Timestamp(t, "acknowledged_at");
        var hasDeadlines = t.GetProperty("deadlines").ValueKind == JsonValueKind.Object;
        var possible = status switch
        {
            "open" => escalated is null && acknowledged is null && !hasDeadlines && Breaches(t) == 0,
            "escalated" => escalated is not null && acknowledged is null && hasDeadlines,
            "acknowledged" => escalated is not null && acknowledged >= escalated && hasDeadlines,
            _ => false,
        };
        if (!possible)
            problems.Add($"ticket {id} in an impossible state: {status}, escalated {escalated:O}, acknowledged {acknowledged:O}, deadlines {hasDeadlines}");
        foreach (var breach in t.GetProperty("breaches").EnumerateArray())
        {
            if (breach.GetProperty("deadline").GetString() != "acknowledge" || AcknowledgeDue(t) is not { } due
                || Timestamp(breach, "breached_at") < due)
                problems.Add($"ticket {id}: impossible breach {breach}");
        }
    }

    /// <summary>Escalated, never acknowledged, and its acknowledge deadline is past: it must have breached.</summary>
    private static bool IsOverdue(JsonElement t) =>
        t.GetProperty("status").GetString() == "escalated" && AcknowledgeDue(t) is { } due && due < DateTimeOffset.UtcNow;

    private static int Breaches(JsonElement t) =>
        t.GetProperty("breaches").EnumerateArray().Count(b => b.GetProperty("deadline").GetString() == "acknowledge");

    private static DateTimeOffset? AcknowledgeDue(JsonElement t) =>
        t.GetProperty("deadlines") is { ValueKind: JsonValueKind.Object } d ? Timestamp(d, "acknowledge") : null;

    private static DateTimeOffset? Timestamp(JsonElement e, string name) =>
        e.GetProperty(name) is { ValueKind: JsonValueKind.String } s ? s.GetDateTimeOffset() : null;
}
