using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;

namespace Bengkulu112.Failover;

/// <summary>What the system answers after the load: calls, tickets, the read model and the alerts table.</summary>
public sealed class Readback(Uri api, string supervisorToken, string connectionString) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The 2xx body, or null for 404; a 503 is retried (as its problem asks) for a while.</summary>
    public async Task<JsonElement?> GetAsync(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", supervisorToken);
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return null;
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 10)
            {
                Retried++;
                await Task.Delay(TimeSpan.FromSeconds(1));
                continue;
            }
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    /// <summary>Reads answered 503 and retried: none expected once the cluster has recovered.</summary>
    public int Retried { get; private set; }

    /// <summary>Every ticket of the category in `GET /tickets` (the PostgreSQL read model), by id.</summary>
    public async Task<Dictionary<string, JsonElement>> ListTicketsAsync(string category)
    {
        var tickets = new Dictionary<string, JsonElement>();
        string? cursor = null;
        do
        {
            var page = (await GetAsync($"/api/v1/tickets?category={category}&limit=500"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!.Value;
            foreach (var item in page.GetProperty("items").EnumerateArray())
                tickets[item.GetProperty("id").GetString()!] = item;
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);
        return tickets;
    }

    /// <summary>`GET /tickets/{id}` of each id, a few at a time.</summary>
    public async Task<Dictionary<string, JsonElement>> GetTicketsAsync(IEnumerable<string> ids)
    {
        var tickets = new System.Collections.Concurrent.ConcurrentDictionary<string, JsonElement>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            if (await GetAsync($"/api/v1/tickets/{id}") is { } ticket)
                tickets[id] = ticket;
        });
        return new Dictionary<string, JsonElement>(tickets);
    }

    /// <summary>Alerts raised per ticket, kind and deadline, straight from the `alerts` table.</summary>
    public async Task<Dictionary<(string Ticket, string Kind, string Deadline), int>> AlertCountsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT ticket_id::text, kind, deadline, count(*)::int FROM alerts GROUP BY 1, 2, 3", connection);
        var counts = new Dictionary<(string, string, string), int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            counts[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = reader.GetInt32(3);
        return counts;
    }

    public void Dispose() => _http.Dispose();
}
