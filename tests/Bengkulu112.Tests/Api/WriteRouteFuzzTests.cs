using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace Bengkulu112.Tests.Api;

/// <summary>
/// Black-box abuse: every write route the API maps (found from its endpoint table, so a new route is covered the day it
/// lands) is hit with random and malformed bodies, content types, `If-Match`, `Idempotency-Key` and query strings,
/// each request under a fresh person so no rate limit hides an answer. Nothing may answer 5xx, the node must stay
/// ready, and a ticket under fire must stay consistent: its state and its read-model row agree.
/// </summary>
public sealed class WriteRouteFuzzTests(WriteRouteFuzzTests.KestrelFixture fixture, ITestOutputHelper output)
    : IClassFixture<WriteRouteFuzzTests.KestrelFixture>
{
    /// <summary>Over real sockets: Kestrel parses what a hostile client sends (the in-memory test server would not).</summary>
    public sealed class KestrelFixture : ApiFixture
    {
        protected override bool OverSockets => true;
    }

    private const int RequestsPerRoute = 24;

    private static readonly string[] Roles = ["calltaker", "opd", "supervisor", "admin"];

    private static readonly string[] Keys =
    [
        "caller_number", "caller_id", "received_at", "channel", "location", "address", "kecamatan", "lat", "lon", "notes",
        "classification", "ticket", "link_ticket_id", "category", "description", "priority", "opd", "call_ids", "blood",
        "text", "reason", "note", "name", "categories", "backup_opd", "active", "primary_opd", "supporting_opds",
        "deadlines", "url", "events", "secret", "username", "password", "display_name", "role", "current_password",
        "new_password", "", "\u0000", "ünïcödé",
    ];

    private static readonly string[] Texts =
    [
        "", " ", "x", "null", "0812", "+62", "+6281234567890", "P1", "fire", "emergency", "damkar", "escalated",
        "2026-11-28T21:40:11Z", "9999-12-31T23:59:59Z", "2026-13-45", "PT2M", "-PT1S", "P99999999D", "\"", "\\",
        "'; DROP TABLE tickets; --", "\u0000", "\uD800", "😀🚒", "http://127.0.0.1/", "javascript:alert(1)",
    ];

    [Fact]
    public async Task No_write_route_answers_5xx_to_garbage_and_a_ticket_under_fire_stays_consistent()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var ticket = await fixture.ClientAs("calltaker").CreateFireAsync();
        var ticketId = ticket.Str("id");
        var routes = WriteRoutes();
        Assert.True(routes.Count >= 20, $"only {routes.Count} write routes found");

        var failures = new List<string>();
        var dropped = 0;
        var client = fixture.Api.CreateClient();
        foreach (var (method, pattern) in routes)
        {
            for (var i = 0; i < RequestsPerRoute; i++)
            {
                using var request = Request(random, method, pattern, ticketId);
                var sent = $"{method} {request.RequestUri} [{request.Content?.Headers.ContentType}] {Excerpt(request)}";
                try
                {
                    using var response = await client.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{(int)response.StatusCode} for {sent}: {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException e)
                {
                    // Kestrel drops a connection it refuses at the protocol level (a NUL in the path, a body past the
                    // limit still being sent): a refusal, not a failure, as long as the node still serves (asserted below).
                    dropped++;
                    output.WriteLine($"connection dropped ({e.HttpRequestError}) for {sent}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers were 5xx (seed {seed}):\n" + string.Join("\n", failures.Take(20)));
        Assert.True(dropped < routes.Count * RequestsPerRoute / 4, $"{dropped} connections dropped: the node is refusing more than garbage");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await AssertConsistentAsync(ticketId);
    }

    /// <summary>Every POST, PUT, PATCH and DELETE under /api/v1, from the running API's endpoint table.</summary>
    private List<(string Method, string Pattern)> WriteRoutes() =>
        fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => (m, e.RoutePattern.RawText!)))
            .Distinct().OrderBy(r => r.Item2).ThenBy(r => r.m).ToList();

    private HttpRequestMessage Request(Random random, string method, string pattern, string ticketId)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)[^}]*\}", m =>
            Uri.EscapeDataString(RouteValue(random, m.Groups[1].Value, ticketId)));
        var request = new HttpRequestMessage(new HttpMethod(method), path + Query(random)) { Content = Body(random) };
        var role = Pick(random, Roles);
        var opd = role == "opd" ? Pick(random, ["damkar", "bpbd", "dinkes"]) : null;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            fixture.Tokens.ForSubject("fuzz-" + Guid.NewGuid().ToString("N")[..12], role, opd));
        if (random.Next(3) == 0)
            request.Headers.TryAddWithoutValidation("If-Match", Pick(random, ["\"1\"", "\"2\"", "*", "garbage", "\"99999999999999999999\"", "W/\"1\"", "", "\"-1\""]));
        if (random.Next(3) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Pick(random, [Guid.NewGuid().ToString(), "", new string('k', 400), "ünï cödé", "a,b", "fixed-key"]));
        return request;
    }

    private static string RouteValue(Random random, string name, string ticketId) => random.Next(4) switch
    {
        0 => Pick(random, Texts) is { Length: > 0 } text ? text : "x",
        1 => Guid.NewGuid().ToString(),
        _ => name switch
        {
            "id" => ticketId,
            "code" => Pick(random, ["damkar", "bpbd", "DAMKAR", "new-opd"]),
            "category" => Pick(random, ["fire", "blood", "other", "unknown"]),
            "number" => Pick(random, ["+6281234567890", "081234567890", "12"]),
            _ => Pick(random, ["admin", "supervisor", "test"]),
        },
    };

    private static string Query(Random random) => random.Next(3) != 0 ? "" :
        "?" + string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
            Uri.EscapeDataString(Pick(random, ["limit", "cursor", "opd", "status", "from", "to", "x"])) + "=" +
            Uri.EscapeDataString(Pick(random, Texts))));

    private static HttpContent? Body(Random random)
    {
        HttpContent? content = random.Next(8) switch
        {
            0 => null,
            1 => new ByteArrayContent(RandomBytes(random, random.Next(1, 200))),
            2 => new StringContent(new string('[', 5000)),
            3 => new StringContent("{\"category\": \"fire\", \"description\": "), // truncated
            4 => new ByteArrayContent(new byte[70 * 1024]), // over the body limit
            _ => new StringContent(JsonValue(random, 3)),
        };
        if (content is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.TryParse(Pick(random,
                ["application/json", "application/json", "application/json; charset=utf-8", "text/plain", "text/csv",
                 "application/x-www-form-urlencoded", "application/json; charset=latin1", "multipart/form-data"]), out var type)
                ? type : null;
        }
        return content;
    }

    private static string JsonValue(Random random, int depth) => random.Next(depth == 0 ? 5 : 7) switch
    {
        0 => "null",
        1 => random.Next(2) == 0 ? "true" : "false",
        2 => Pick(random, ["0", "-1", "1e308", "-1e309", "12345678901234567890123", "0.1", "NaN"]),
        3 => System.Text.Json.JsonSerializer.Serialize(Pick(random, Texts)),
        4 => System.Text.Json.JsonSerializer.Serialize(new string('a', random.Next(0, 3000))),
        5 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => JsonValue(random, depth - 1))) + "]",
        _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 6)).Select(_ =>
            System.Text.Json.JsonSerializer.Serialize(Pick(random, Keys)) + ":" + JsonValue(random, depth - 1))) + "}",
    };

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Excerpt(HttpRequestMessage request)
    {
        if (request.Content is null)
            return "(no body)";
        var text = Encoding.UTF8.GetString(request.Content.ReadAsByteArrayAsync().Result);
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    /// <summary>The ticket answers, and its read-model row says what its state says.</summary>
    private async Task AssertConsistentAsync(string ticketId)
    {
        var supervisor = fixture.ClientAs("supervisor");
        var ticket = await (await supervisor.GetAsync($"/api/v1/tickets/{ticketId}")).AssertJson(HttpStatusCode.OK);
        var timeline = await (await supervisor.GetAsync($"/api/v1/tickets/{ticketId}/timeline")).AssertJson(HttpStatusCode.OK);
        var entries = timeline.ValueKind == System.Text.Json.JsonValueKind.Array ? timeline : timeline.GetProperty("items");
        var lastStatus = entries.EnumerateArray()
            .Select(e => e.TryGetProperty("to_status", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String ? s.GetString() : null)
            .LastOrDefault(s => s is not null);
        Assert.Equal(lastStatus ?? "open", ticket.Str("status"));

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, version FROM tickets WHERE id = $1", connection);
        command.Parameters.AddWithValue(Guid.Parse(ticketId));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(ticket.Str("status"), reader.GetString(0));
        Assert.Equal(ticket.GetProperty("version").GetInt32(), reader.GetInt32(1));
    }
}
