using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using CsCheck;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>
/// Property-based: random and mutated bodies thrown at every write route. Whatever comes in, the answer is never a 5xx,
/// and a refused request (4xx) writes nothing at all.
/// </summary>
public sealed class RandomBodyTests(RandomBodyTests.UnlimitedFixture fixture) : IClassFixture<RandomBodyTests.UnlimitedFixture>
{
    /// <summary>These tests send hundreds of requests under one token: no rate limit in the way.</summary>
    public sealed class UnlimitedFixture : ApiFixture
    {
        protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
        {
            ["RateLimits:Burst"] = "1000000",
            ["RateLimits:PermitsPerMinute"] = "6000000",
        };
    }

    private const int Iterations = 60;

    private static readonly string[] Strange =
    [
        "", " ", "x", new string('a', 5000), "😀🚒", "null", "0812", "+62", "P1", "p4", "fire", "emergency", "damkar",
        "2026-11-28T21:40:11Z", "2026-13-45", "PT2M", "-PT1S", "P99999D", "{\"a\":1}", "'; DROP TABLE tickets; --", "\u0000",
    ];

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Const((JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.OneOf(Strange).Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Value(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, Gen.Select(Gen.OneOf(Keys), Value(depth - 1)).Array[0, 4].Select(ToObject)),
            (1, Value(depth - 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))));

    private static JsonNode? ToObject((string Key, JsonNode? Value)[] pairs)
    {
        var o = new JsonObject();
        foreach (var (key, value) in pairs)
            o[key] = value?.DeepClone();
        return o;
    }

    private static readonly string[] Keys =
    [
        "caller_number", "received_at", "channel", "location", "address", "kelurahan", "kecamatan", "lat", "lon", "notes",
        "classification", "ticket", "link_ticket_id", "category", "description", "priority", "opd", "call_ids", "blood",
        "group", "units", "hospital", "text", "reason", "note", "name", "categories", "backup_opd", "active",
        "primary_opd", "supporting_opds", "deadlines", "acknowledge", "on_scene", "resolve", "unknown_field",
        "username", "display_name", "role", "password", "current_password", "new_password",
    ];

    /// <summary>A valid body with one to three fields replaced, removed or added at random (nested ones too).</summary>
    private static Gen<JsonObject> Mutated(Func<JsonObject> valid) =>
        Gen.Select(Gen.OneOf(Keys), Value(2), Gen.Int[0, 2], Gen.Bool).Array[1, 3].Select(mutations =>
        {
            var body = valid();
            foreach ((string key, JsonNode? value, int how, bool nested) in mutations)
            {
                var target = nested && body["location"] is JsonObject location ? location : body;
                switch (how)
                {
                    case 0: target[key] = value?.DeepClone(); break;
                    case 1: target.Remove(key); break;
                    default: target["x_" + key] = value?.DeepClone(); break;
                }
            }
            return body;
        });

    private static JsonObject ValidCall() => new() { ["caller_number"] = "081234567890", ["channel"] = "voice" };

    private static JsonObject ValidTicket() => new()
    {
        ["category"] = "fire", ["description"] = "Rumah terbakar",
        ["location"] = new JsonObject { ["address"] = "Jl. Suprapto", ["lat"] = -3.79, ["lon"] = 102.26 },
    };

    private static JsonObject ValidClassify() => new()
    {
        ["classification"] = "emergency",
        ["ticket"] = ValidTicket(),
    };

    private static JsonObject ValidRouting() => new()
    {
        ["priority"] = "P3", ["primary_opd"] = "damkar", ["supporting_opds"] = new JsonArray(),
        ["deadlines"] = new JsonObject { ["acknowledge"] = "PT15M", ["on_scene"] = "PT2H", ["resolve"] = "P3D" },
    };

    private static JsonObject ValidOpd() => new() { ["name"] = "Tim SAR", ["categories"] = new JsonArray("disaster") };

    private static JsonObject ValidNote() => new() { ["text"] = "Pelapor menelepon lagi" };

    private static JsonObject ValidFlag() => new() { ["reason"] = "Iseng berulang" };

    private static JsonObject ValidUser() => new() { ["username"] = "random.body", ["display_name"] = "Acak", ["role"] = "opd", ["opd"] = "damkar" };

    private static JsonObject ValidUserChange() => new() { ["display_name"] = "Acak Lagi", ["active"] = true };

    private static JsonObject ValidLogin() => new() { ["username"] = "random.login", ["password"] = "Bukan-Sandi-Asli" };

    /// <summary>Tickets whose latest change has not been pushed onto the OPD streams yet.</summary>
    private async Task<long> UnpublishedTickets()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tickets WHERE published_version < version", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long[]> RowCounts()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        var counts = new List<long>();
        // Orleans storage only for the states of the app's grains: stream pub-sub writes its rows in the background, when
        // a ticket accepted by an earlier request is published to an OPD's stream for the first time.
        foreach (var table in new[]
                 {
                     "tickets", "ticket_events", "alerts", "app_audit", "ticket_number_blocks", "calls", "callers", "app_users",
                     "app_sessions",
                     "orleansstorage WHERE graintypestring IN ('routing', 'opd', 'opd-directory')",
                 })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts.Add((long)(await command.ExecuteScalarAsync())!);
        }
        return [.. counts];
    }

    /// <param name="refusalsWriteNothing">False for sign-in, whose refusals are recorded by design (lockout, audit).</param>
    private async Task Throw(string? role, HttpMethod method, string route, Func<JsonObject> valid, bool refusalsWriteNothing = true)
    {
        var client = fixture.ClientAs(role);
        await Mutated(valid).SampleAsync(async body =>
        {
            var before = await RowCounts();
            using var request = new HttpRequestMessage(method, route)
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"{method} {route} answered {status} to {body.ToJsonString()}: {text}");
            if (status >= 400 && refusalsWriteNothing)
                Assert.Equal(before, await RowCounts());
            else // what an accepted ticket change sets off (OPD lists via streams) is under way before the next count
                await Eventually.Within(TimeSpan.FromSeconds(10), UnpublishedTickets, unpublished => unpublished == 0);
        }, iter: Iterations, threads: 1);
    }

    private async Task<string> NewCall() =>
        (await (await fixture.ClientAs("calltaker").PostAsJsonAsync("/api/v1/calls", new { caller_number = "0812" + Random.Shared.Next(10000000, 99999999) }))
            .AssertJson(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    [Fact]
    public Task Recording_calls() => Throw("calltaker", HttpMethod.Post, "/api/v1/calls", ValidCall);

    [Fact]
    public Task Opening_tickets() => Throw("calltaker", HttpMethod.Post, "/api/v1/tickets", ValidTicket);

    [Fact]
    public async Task Classifying_calls()
    {
        // A fresh call each round would need its own route; one call takes every body (after one success: 409s).
        var call = await NewCall();
        await Throw("calltaker", HttpMethod.Post, $"/api/v1/calls/{call}/classify", ValidClassify);
    }

    [Fact]
    public async Task Notes_and_escalations()
    {
        var ticket = (await (await fixture.ClientAs("calltaker").PostAsJsonAsync("/api/v1/tickets", ValidTicket()))
            .AssertJson(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await Throw("calltaker", HttpMethod.Post, $"/api/v1/tickets/{ticket}/notes", ValidNote);
        await Throw("calltaker", HttpMethod.Post, $"/api/v1/tickets/{ticket}/cancel", () => new JsonObject { ["reason"] = "ganda" });
    }

    [Fact]
    public Task Routing_changes() => Throw("admin", HttpMethod.Put, "/api/v1/routing/wasp_nest", ValidRouting);

    [Fact]
    public Task OPD_changes() => Throw("admin", HttpMethod.Put, "/api/v1/opds/sar", ValidOpd);

    [Fact]
    public Task Caller_flags() => Throw("supervisor", HttpMethod.Put, "/api/v1/callers/%2B6281299990000/flag", ValidFlag);

    [Fact]
    public Task Accounts_created() => Throw("admin", HttpMethod.Post, "/api/v1/users", ValidUser);

    [Fact]
    public async Task Accounts_changed()
    {
        await (await fixture.ClientAs("admin").PostAsJsonAsync("/api/v1/users", new { username = "random.change", display_name = "Acak", role = "calltaker" }))
            .AssertJson(HttpStatusCode.Created);
        await Throw("admin", new HttpMethod("PATCH"), "/api/v1/users/random.change", ValidUserChange);
    }

    [Fact]
    public Task Sign_ins() => Throw(null, HttpMethod.Post, "/api/v1/auth/login", ValidLogin, refusalsWriteNothing: false);
}
