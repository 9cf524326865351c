using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Bengkulu112.Seed;

/// <summary>The HTTP client of the API, carrying a supervisor's token (imports are for supervisors and admins).</summary>
public interface ISeedClients
{
    HttpClient Supervisor();
}

/// <summary>
/// Writes a <see cref="YearPlan"/> through the history import (`POST /imports`): every call with its own received time,
/// every emergency's ticket with the times of its steps, so a report over the seeded year shows per-OPD response times
/// and SLA met share. Waits for the import and reports what it did.
/// </summary>
/// <remarks>Rows are keyed by content: the same options again import nothing new (`already_present` = all).</remarks>
public sealed class Seeder(ISeedClients clients, SeedOptions options, TextWriter progress)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    public sealed record Result(int Calls, int Emergencies, int Imported, int AlreadyPresent, int Refused, TimeSpan Elapsed);

    public async Task<Result> RunAsync(CancellationToken ct = default)
    {
        var plan = YearPlan.Make(options);
        var clock = Stopwatch.StartNew();
        var client = clients.Supervisor();
        using var content = new StringContent(ImportFileWriter.Write(plan, options), Encoding.UTF8, "text/csv");
        using var started = await client.PostAsync("/api/v1/imports", content, ct);
        var import = await Json(started, HttpStatusCode.Accepted, "start the import", ct);
        var location = started.Headers.Location?.ToString() ?? $"/api/v1/imports/{import.GetProperty("id").GetString()}";
        Report(import);

        while (import.GetProperty("status").GetString() == "running")
        {
            await Task.Delay(PollEvery, ct);
            using var read = await client.GetAsync(location, ct);
            import = await Json(read, HttpStatusCode.OK, "read the import", ct);
            Report(import);
        }
        if (import.GetProperty("status").GetString() != "done")
            throw new InvalidOperationException($"The import {location} ended {import.GetProperty("status").GetString()}.");
        int Count(string name) => import.GetProperty(name).GetInt32();
        return new Result(plan.Count, plan.Count(c => c.Emergency is not null), Count("imported"), Count("already_present"),
            Count("refused"), clock.Elapsed);
    }

    private void Report(JsonElement import)
    {
        int Count(string name) => import.GetProperty(name).GetInt32();
        var done = Count("imported") + Count("already_present") + Count("refused");
        progress.WriteLine($"seed: import {import.GetProperty("status").GetString()}: {done}/{Count("rows")} rows " +
            $"({Count("imported")} imported, {Count("already_present")} already present, {Count("refused")} refused)");
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != expected)
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
