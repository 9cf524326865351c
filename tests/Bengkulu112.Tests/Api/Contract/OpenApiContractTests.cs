using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bengkulu112.Api.OpenApi;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Api.Webhooks;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bengkulu112.Tests.Api.Contract;

/// <summary>
/// The OpenAPI document against reality: every route the API maps is described (by its row of
/// <see cref="OperationContracts"/>), and real answers — successes and the main refusals — are declared and match
/// the declared schemas, so the document cannot drift from what the API does.
/// </summary>
public sealed class OpenApiContractTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Tickets = "/api/v1/tickets";

    /// <summary>The tags whose every operation the sample of <see cref="Real_answers_match_the_document"/> covers.</summary>
    private static readonly string[] SampledTags =
        ["Calls", "Callers", "Tickets", "OPDs", "Routing", "Alerts", "Live feeds", "Webhooks", "Reports", "Audit"];

    private static string IdOf(JsonElement resource) => resource.GetProperty("id").GetString()!;

    /// <summary>Sends, asserts the status, and checks that the document declares it and the body matches its schema.</summary>
    private static async Task<JsonElement> CheckAsync(OpenApiDocument document, Task<HttpResponseMessage> sending, string method,
        string template, HttpStatusCode expected)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {template}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        await document.AssertConforms(response, method, template);
        return body.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json") == true
            ? JsonDocument.Parse(body).RootElement.Clone()
            : default;
    }

    private IEnumerable<(string Method, string Template)> MappedRoutes() =>
        fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))));

    [Fact]
    public async Task Every_mapped_route_has_a_contract_row_and_is_in_the_document_under_its_operation_id()
    {
        var document = await OpenApiDocument.LoadAsync(fixture.ClientAs(null));
        var missing = MappedRoutes().Where(r => !OperationContracts.ByRoute.ContainsKey(OperationContracts.Key(r.Method, r.Template)))
            .Select(r => $"{r.Method} {r.Template}").ToList();
        Assert.True(missing.Count == 0, "routes without a row in OperationContracts: " + string.Join(", ", missing));
        var described = MappedRoutes().Where(r => !OperationContracts.ByRoute[OperationContracts.Key(r.Method, r.Template)].WebSocket).ToList();
        foreach (var (method, template) in described)
        {
            var operation = document.Operation(method, template);
            Assert.Equal(OperationContracts.ByRoute[OperationContracts.Key(method, template)].Id, operation["operationId"]?.GetValue<string>());
        }
        Assert.Equal(described.Count, document.Operations.Count());
    }

    [Fact]
    public void Operation_ids_are_unique_and_every_row_names_a_known_tag()
    {
        var ids = OperationContracts.ByRoute.Values.Select(c => c.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var tags = OperationContracts.Tags.Select(t => t.Name).ToHashSet();
        Assert.All(OperationContracts.ByRoute.Values, c => Assert.Contains(c.Tag, tags));
    }

    [Fact]
    public async Task Every_operation_says_who_may_call_it_and_how_it_refuses()
    {
        var document = await OpenApiDocument.LoadAsync(fixture.ClientAs(null));
        foreach (var name in document.Operations)
        {
            var (method, template) = (name[..name.IndexOf(' ')], name[(name.IndexOf(' ') + 1)..]);
            var operation = document.Operation(method, template);
            foreach (var field in new[] { "operationId", "summary", "description", "tags", "x-roles", "responses" })
                Assert.True(operation[field] is not null, $"{name} has no {field}");
            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.Any(r => r.Key.StartsWith('2')), $"{name} declares no success");
            Assert.True(responses.ContainsKey("503"), $"{name} does not declare 503");
            var roles = operation["x-roles"]!.AsArray();
            if (roles.Count > 0)
            {
                Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{name} does not declare 401 and 403");
                Assert.Equal("bearer", operation["security"]![0]!.AsObject().Single().Key);
            }
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                Assert.True(response!["content"]?["application/problem+json"] is not null, $"{name} {status} is not a problem");
        }
        var tickets = document.Operation("POST", "/api/v1/tickets/{id}/acknowledge");
        Assert.Contains(tickets["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "If-Match");
        Assert.Equal("#/components/schemas/ConflictProblem", tickets["responses"]!["409"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.NotNull(tickets["responses"]!["200"]!["headers"]!["ETag"]);
        var create = document.Operation("POST", Tickets);
        Assert.NotNull(create["responses"]!["201"]!["headers"]!["Location"]);
        Assert.Null(create["responses"]!["200"]);
        Assert.Contains(create["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "Idempotency-Key");
        Assert.NotNull(create["requestBody"]!["content"]!["application/json"]!["example"]);
        Assert.NotNull(document.Operation("GET", "/api/v1/opds/{code}")["responses"]!["200"]!["content"]!["application/json"]!["example"]);
        Assert.NotNull(tickets["responses"]!["409"]!["content"]!["application/problem+json"]!["example"]);
        Assert.NotNull(document.Operation("GET", "/api/v1/stream/tickets")["responses"]!["200"]!["content"]!["text/event-stream"]);
        var info = document.Root["info"]!;
        Assert.NotNull(info["contact"]);
        Assert.NotNull(info["license"]);
        Assert.Contains("./run.sh token", info["description"]!.GetValue<string>());
        Assert.Contains("POST /api/v1/auth/login", info["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_docs_page_shows_no_promotions_and_tells_how_to_get_a_token()
    {
        var html = await fixture.ClientAs(null).GetStringAsync("/docs");
        Assert.Contains("\"hideClientButton\":true", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html);
    }

    [Fact]
    public async Task Real_answers_match_the_document()
    {
        var document = await OpenApiDocument.LoadAsync(fixture.ClientAs(null));
        var callTaker = fixture.ClientAs("calltaker");
        var supervisor = fixture.ClientAs("supervisor");
        var admin = fixture.ClientAs("admin");
        var opd = fixture.ClientAs("opd", "damkar");
        Task<JsonElement> Check(Task<HttpResponseMessage> sending, string method, string template, HttpStatusCode expected) =>
            CheckAsync(document, sending, method, template, expected);

        // Calls and callers
        var number = CallRequests.NewNumber();
        var call = await Check(callTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = number, channel = "voice" }), "POST", "/api/v1/calls", HttpStatusCode.Created);
        await Check(callTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = "not a number" }), "POST", "/api/v1/calls", HttpStatusCode.BadRequest);
        await Check(callTaker.GetAsync($"/api/v1/calls/{IdOf(call)}"), "GET", "/api/v1/calls/{id}", HttpStatusCode.OK);
        await Check(callTaker.GetAsync($"/api/v1/calls/{Guid.NewGuid()}"), "GET", "/api/v1/calls/{id}", HttpStatusCode.NotFound);
        await Check(callTaker.PostAsJsonAsync($"/api/v1/calls/{IdOf(call)}/classify", new { classification = "prank" }), "POST", "/api/v1/calls/{id}/classify", HttpStatusCode.OK);
        await Check(callTaker.PostAsJsonAsync($"/api/v1/calls/{IdOf(call)}/classify", new { classification = "prank" }), "POST", "/api/v1/calls/{id}/classify", HttpStatusCode.Conflict);
        await Check(callTaker.PostAsJsonAsync($"/api/v1/calls/{IdOf(call)}/classify", new { classification = "nonsense" }), "POST", "/api/v1/calls/{id}/classify", HttpStatusCode.BadRequest);
        var e164 = Uri.EscapeDataString(CallRequests.E164(number));
        await Check(callTaker.GetAsync($"/api/v1/callers/{e164}"), "GET", "/api/v1/callers/{number}", HttpStatusCode.OK);
        await Check(callTaker.GetAsync("/api/v1/callers/abc"), "GET", "/api/v1/callers/{number}", HttpStatusCode.BadRequest);
        await Check(supervisor.PutAsJsonAsync($"/api/v1/callers/{e164}/flag", new { reason = "prank calls" }), "PUT", "/api/v1/callers/{number}/flag", HttpStatusCode.OK);
        await Check(supervisor.PutAsJsonAsync($"/api/v1/callers/{e164}/flag", new { reason = "" }), "PUT", "/api/v1/callers/{number}/flag", HttpStatusCode.BadRequest);
        await Check(supervisor.DeleteAsync($"/api/v1/callers/{e164}/flag"), "DELETE", "/api/v1/callers/{number}/flag", HttpStatusCode.OK);
        await Check(supervisor.DeleteAsync($"/api/v1/callers/{Uri.EscapeDataString(CallRequests.E164(CallRequests.NewNumber()))}/flag"), "DELETE", "/api/v1/callers/{number}/flag", HttpStatusCode.NotFound);
        await Check(opd.GetAsync($"/api/v1/callers/{e164}"), "GET", "/api/v1/callers/{number}", HttpStatusCode.Forbidden);
        await Check(fixture.ClientAs(null).GetAsync($"/api/v1/callers/{e164}"), "GET", "/api/v1/callers/{number}", HttpStatusCode.Unauthorized);

        // A ticket's whole life, with its refusals
        var key = Guid.NewGuid().ToString();
        var ticket = await Check(callTaker.PostWithIdempotencyKeyAsync(Tickets, TicketRequests.FireBody(), key), "POST", Tickets, HttpStatusCode.Created);
        await Check(callTaker.PostWithIdempotencyKeyAsync(Tickets, TicketRequests.FireBody("something else"), key), "POST", Tickets, HttpStatusCode.UnprocessableEntity);
        await Check(callTaker.PostAsJsonAsync(Tickets, new { category = "fire" }), "POST", Tickets, HttpStatusCode.BadRequest);
        var id = IdOf(ticket);
        await Check(callTaker.GetAsync(Tickets + "?status=open"), "GET", Tickets, HttpStatusCode.OK);
        await Check(callTaker.GetAsync(Tickets + "?limit=0"), "GET", Tickets, HttpStatusCode.BadRequest);
        await Check(callTaker.GetAsync($"{Tickets}/{id}"), "GET", Tickets + "/{id}", HttpStatusCode.OK);
        await Check(callTaker.GetAsync($"{Tickets}/suggestions?category=fire&lat=-3.79&lon=102.26"), "GET", Tickets + "/suggestions", HttpStatusCode.OK);
        await Check(callTaker.GetAsync($"{Tickets}/suggestions"), "GET", Tickets + "/suggestions", HttpStatusCode.BadRequest);
        await Check(callTaker.GetAsync($"{Tickets}/{Guid.NewGuid()}"), "GET", Tickets + "/{id}", HttpStatusCode.NotFound);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/acknowledge", new { }), "POST", Tickets + "/{id}/acknowledge", HttpStatusCode.Conflict);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{id}/escalate", new { }), "POST", Tickets + "/{id}/escalate", HttpStatusCode.OK);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{id}/escalate", new { }), "POST", Tickets + "/{id}/escalate", HttpStatusCode.Conflict);
        await Check(opd.PostWithIfMatchAsync($"{Tickets}/{id}/acknowledge", "\"1\""), "POST", Tickets + "/{id}/acknowledge", HttpStatusCode.PreconditionFailed);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/acknowledge", new { note = "on our way" }), "POST", Tickets + "/{id}/acknowledge", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/acknowledge", new { }), "POST", Tickets + "/{id}/acknowledge", HttpStatusCode.Conflict);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/on-scene", new { }), "POST", Tickets + "/{id}/on-scene", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/reject", new { reason = "too late" }), "POST", Tickets + "/{id}/reject", HttpStatusCode.Conflict);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/resolve", new { }), "POST", Tickets + "/{id}/resolve", HttpStatusCode.BadRequest);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/resolve", new { note = "fire out" }), "POST", Tickets + "/{id}/resolve", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/notes", new { text = "all units back" }), "POST", Tickets + "/{id}/notes", HttpStatusCode.Created);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/notes", new { text = "" }), "POST", Tickets + "/{id}/notes", HttpStatusCode.BadRequest);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{id}/reopen", new { reason = "flared up" }), "POST", Tickets + "/{id}/reopen", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/acknowledge", new { }), "POST", Tickets + "/{id}/acknowledge", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/on-scene", new { }), "POST", Tickets + "/{id}/on-scene", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/resolve", new { note = "out again" }), "POST", Tickets + "/{id}/resolve", HttpStatusCode.OK);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{id}/close", new { }), "POST", Tickets + "/{id}/close", HttpStatusCode.OK);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{id}/reopen", new { reason = "too late" }), "POST", Tickets + "/{id}/reopen", HttpStatusCode.Conflict);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{id}/cancel", new { reason = "duplicate" }), "POST", Tickets + "/{id}/cancel", HttpStatusCode.Conflict);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{id}/close", new { }), "POST", Tickets + "/{id}/close", HttpStatusCode.Forbidden);
        await Check(callTaker.GetAsync($"{Tickets}/{id}/timeline"), "GET", Tickets + "/{id}/timeline", HttpStatusCode.OK);
        await Check(callTaker.GetAsync($"{Tickets}/{id}/timeline?limit=2"), "GET", Tickets + "/{id}/timeline", HttpStatusCode.OK);
        await Check(callTaker.GetAsync($"{Tickets}/{id}/timeline?cursor=nope"), "GET", Tickets + "/{id}/timeline", HttpStatusCode.BadRequest);
        var rejected = await Check(callTaker.PostAsJsonAsync(Tickets, TicketRequests.FireBody()), "POST", Tickets, HttpStatusCode.Created);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{IdOf(rejected)}/escalate", new { opd = "damkar" }), "POST", Tickets + "/{id}/escalate", HttpStatusCode.OK);
        await Check(opd.PostAsJsonAsync($"{Tickets}/{IdOf(rejected)}/reject", new { reason = "not ours" }), "POST", Tickets + "/{id}/reject", HttpStatusCode.OK);
        await Check(callTaker.PostAsJsonAsync($"{Tickets}/{IdOf(rejected)}/cancel", new { reason = "duplicate" }), "POST", Tickets + "/{id}/cancel", HttpStatusCode.OK);

        // OPDs and routing
        await Check(opd.GetAsync("/api/v1/opds"), "GET", "/api/v1/opds", HttpStatusCode.OK);
        await Check(opd.GetAsync("/api/v1/opds/damkar"), "GET", "/api/v1/opds/{code}", HttpStatusCode.OK);
        await Check(opd.GetAsync("/api/v1/opds/nothing"), "GET", "/api/v1/opds/{code}", HttpStatusCode.NotFound);
        await Check(opd.GetAsync("/api/v1/opds/damkar/tickets"), "GET", "/api/v1/opds/{code}/tickets", HttpStatusCode.OK);
        await Check(supervisor.GetAsync("/api/v1/opds/nothing/tickets"), "GET", "/api/v1/opds/{code}/tickets", HttpStatusCode.NotFound);
        await Check(admin.PutAsJsonAsync("/api/v1/opds/contract_test", new { name = "Contract test", categories = Array.Empty<string>() }), "PUT", "/api/v1/opds/{code}", HttpStatusCode.Created);
        await Check(admin.PutAsJsonAsync("/api/v1/opds/contract_test", new { name = "Contract test", categories = Array.Empty<string>(), active = false }), "PUT", "/api/v1/opds/{code}", HttpStatusCode.OK);
        await Check(admin.PutAsJsonAsync("/api/v1/opds/contract_test", new { }), "PUT", "/api/v1/opds/{code}", HttpStatusCode.BadRequest);
        await Check(opd.PutAsJsonAsync("/api/v1/opds/damkar", new { }), "PUT", "/api/v1/opds/{code}", HttpStatusCode.Forbidden);
        var rule = await Check(opd.GetAsync("/api/v1/routing/fire"), "GET", "/api/v1/routing/{category}", HttpStatusCode.OK);
        await Check(opd.GetAsync("/api/v1/routing"), "GET", "/api/v1/routing", HttpStatusCode.OK);
        await Check(opd.GetAsync("/api/v1/routing/nothing"), "GET", "/api/v1/routing/{category}", HttpStatusCode.NotFound);
        var put = new { priority = rule.GetProperty("priority").GetString(), primary_opd = rule.GetProperty("primary_opd").GetString(),
            supporting_opds = rule.GetProperty("supporting_opds"), deadlines = rule.GetProperty("deadlines") };
        await Check(admin.PutAsJsonAsync("/api/v1/routing/fire", put), "PUT", "/api/v1/routing/{category}", HttpStatusCode.OK);
        await Check(admin.PutAsJsonAsync("/api/v1/routing/fire", new { }), "PUT", "/api/v1/routing/{category}", HttpStatusCode.BadRequest);

        // Alerts, feeds, audit, reports
        await Check(supervisor.GetAsync("/api/v1/alerts?status=open"), "GET", "/api/v1/alerts", HttpStatusCode.OK);
        await Check(supervisor.GetAsync("/api/v1/alerts?status=nonsense"), "GET", "/api/v1/alerts", HttpStatusCode.BadRequest);
        await Check(supervisor.PostAsync("/api/v1/alerts/999999/acknowledge", null), "POST", "/api/v1/alerts/{id}/acknowledge", HttpStatusCode.NotFound);
        await Check(callTaker.GetAsync("/api/v1/alerts"), "GET", "/api/v1/alerts", HttpStatusCode.Forbidden);
        foreach (var (feed, client) in new[] { ("/api/v1/stream/tickets", opd), ("/api/v1/stream/alerts", supervisor) })
        {
            await Check(client.GetWithLastEventIdAsync(feed, "x"), "GET", feed, HttpStatusCode.BadRequest);
            using var open = await client.GetWithLastEventIdAsync(feed, "0", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Contains(open.Content.Headers.ContentType!.MediaType!, document.Operation("GET", feed)["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key));
        }
        await Check(admin.GetAsync("/api/v1/audit?limit=5"), "GET", "/api/v1/audit", HttpStatusCode.OK);
        await Check(admin.GetAsync("/api/v1/audit?limit=0"), "GET", "/api/v1/audit", HttpStatusCode.BadRequest);
        await Check(supervisor.GetAsync("/api/v1/reports/summary"), "GET", "/api/v1/reports/summary", HttpStatusCode.OK);
        await Check(supervisor.GetAsync("/api/v1/reports/summary?from=yesterday"), "GET", "/api/v1/reports/summary", HttpStatusCode.BadRequest);
        await Check(supervisor.GetAsync("/api/v1/reports/series?bucket=day"), "GET", "/api/v1/reports/series", HttpStatusCode.OK);
        await Check(supervisor.GetAsync("/api/v1/reports/series?bucket=hour"), "GET", "/api/v1/reports/series", HttpStatusCode.BadRequest);
        using (var csv = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary"))
        {
            csv.Headers.Accept.ParseAdd("text/csv");
            await Check(supervisor.SendAsync(csv), "GET", "/api/v1/reports/summary", HttpStatusCode.OK);
        }

        // Webhooks
        var webhookBody = new { url = "https://opd.example.org/hooks/112", events = new[] { "ticket.changed" }, secret = "a-long-random-shared-secret" };
        var webhook = await Check(admin.PostWithIdempotencyKeyAsync("/api/v1/webhooks", webhookBody, "contract-webhook"), "POST", "/api/v1/webhooks", HttpStatusCode.Created);
        await Check(admin.PostWithIdempotencyKeyAsync("/api/v1/webhooks", webhookBody with { url = "https://opd.example.org/other" }, "contract-webhook"), "POST", "/api/v1/webhooks", HttpStatusCode.UnprocessableEntity);
        await Check(admin.PostAsJsonAsync("/api/v1/webhooks", new { }), "POST", "/api/v1/webhooks", HttpStatusCode.BadRequest);
        var webhookId = webhook.GetProperty("id").GetString();
        await Check(admin.GetAsync("/api/v1/webhooks"), "GET", "/api/v1/webhooks", HttpStatusCode.OK);
        await Check(admin.GetAsync("/api/v1/webhooks?limit=x"), "GET", "/api/v1/webhooks", HttpStatusCode.BadRequest);
        await Check(admin.GetAsync($"/api/v1/webhooks/{webhookId}"), "GET", "/api/v1/webhooks/{id}", HttpStatusCode.OK);
        await Check(admin.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries"), "GET", "/api/v1/webhooks/{id}/deliveries", HttpStatusCode.OK);
        await Check(admin.PostAsJsonAsync($"/api/v1/webhooks/{webhookId}/secret", new { secret = "a-new-long-random-shared-secret" }), "POST", "/api/v1/webhooks/{id}/secret", HttpStatusCode.OK);
        await Check(admin.PostAsJsonAsync($"/api/v1/webhooks/{webhookId}/secret", new { }), "POST", "/api/v1/webhooks/{id}/secret", HttpStatusCode.BadRequest);
        await Check(admin.PostAsJsonAsync($"/api/v1/webhooks/{Guid.NewGuid()}/secret", new { secret = "a-new-long-random-shared-secret" }), "POST", "/api/v1/webhooks/{id}/secret", HttpStatusCode.NotFound);
        await Check(admin.GetAsync($"/api/v1/webhooks/{Guid.NewGuid()}/deliveries"), "GET", "/api/v1/webhooks/{id}/deliveries", HttpStatusCode.NotFound);
        await Check(admin.DeleteAsync($"/api/v1/webhooks/{webhookId}"), "DELETE", "/api/v1/webhooks/{id}", HttpStatusCode.NoContent);
        await Check(admin.DeleteAsync($"/api/v1/webhooks/{webhookId}"), "DELETE", "/api/v1/webhooks/{id}", HttpStatusCode.NotFound);
        await Check(admin.GetAsync($"/api/v1/webhooks/{webhookId}"), "GET", "/api/v1/webhooks/{id}", HttpStatusCode.NotFound);

        var sampled = document.Operations.Where(o => SampledTags.Contains(document.Operation(o[..o.IndexOf(' ')], o[(o.IndexOf(' ') + 1)..])["tags"]![0]!.GetValue<string>()))
            .Where(o => !o.StartsWith("GET /api/v1/stream/", StringComparison.Ordinal));
        Assert.Empty(sampled.Except(document.Checked));
    }

    /// <summary>The routes of sign-in, accounts, the history import and interoperability, sampled like the others.</summary>
    [Fact]
    public async Task Real_answers_of_sign_in_accounts_imports_and_interop_match_the_document()
    {
        var document = await OpenApiDocument.LoadAsync(fixture.ClientAs(null));
        Task<JsonElement> Check(Task<HttpResponseMessage> sending, string method, string template, HttpStatusCode expected) =>
            CheckAsync(document, sending, method, template, expected);
        var admin = fixture.ClientAs("admin");
        var supervisor = fixture.ClientAs("supervisor");
        var person = fixture.Api.CreateClient(); // keeps the refresh cookie, like a browser

        // Accounts (admin) and a person's first sign-in
        var username = "contract." + Guid.NewGuid().ToString("N")[..8];
        var created = await Check(admin.PostAsJsonAsync("/api/v1/users", new { username, display_name = "Contract Test", role = "calltaker" }), "POST", "/api/v1/users", HttpStatusCode.Created);
        await Check(admin.PostAsJsonAsync("/api/v1/users", new { username, display_name = "Again", role = "calltaker" }), "POST", "/api/v1/users", HttpStatusCode.Conflict);
        await Check(admin.PostAsJsonAsync("/api/v1/users", new { username = "X", role = "nobody" }), "POST", "/api/v1/users", HttpStatusCode.BadRequest);
        await Check(admin.GetAsync("/api/v1/users?role=calltaker"), "GET", "/api/v1/users", HttpStatusCode.OK);
        await Check(admin.GetAsync($"/api/v1/users/{username}"), "GET", "/api/v1/users/{username}", HttpStatusCode.OK);
        await Check(admin.GetAsync("/api/v1/users/nobody.here"), "GET", "/api/v1/users/{username}", HttpStatusCode.NotFound);
        await Check(admin.PatchAsJsonAsync($"/api/v1/users/{username}", new { display_name = "Contract Tester" }), "PATCH", "/api/v1/users/{username}", HttpStatusCode.OK);
        var reset = await Check(admin.PostAsync($"/api/v1/users/{username}/reset-password", null), "POST", "/api/v1/users/{username}/reset-password", HttpStatusCode.OK);
        var initial = reset.GetProperty("initial_password").GetString()!;
        Assert.NotEqual(initial, created.GetProperty("initial_password").GetString());

        await Check(person.GetAsync("/api/v1/auth/config"), "GET", "/api/v1/auth/config", HttpStatusCode.OK);
        await Check(person.PostAsJsonAsync("/api/v1/auth/login", new { username, password = "not-the-password" }), "POST", "/api/v1/auth/login", HttpStatusCode.Unauthorized);
        await Check(person.PostAsJsonAsync("/api/v1/auth/login", new { username = "" }), "POST", "/api/v1/auth/login", HttpStatusCode.BadRequest);
        var session = await Check(person.PostAsJsonAsync("/api/v1/auth/login", new { username, password = initial }), "POST", "/api/v1/auth/login", HttpStatusCode.OK);
        person.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.GetProperty("access_token").GetString());
        await Check(person.GetAsync("/api/v1/me"), "GET", "/api/v1/me", HttpStatusCode.OK);
        await Check(person.PostAsJsonAsync("/api/v1/me/password", new { current_password = initial, new_password = "short" }), "POST", "/api/v1/me/password", HttpStatusCode.BadRequest);
        await Check(person.PostAsJsonAsync("/api/v1/me/password", new { current_password = initial, new_password = "Contract-Tested-112" }), "POST", "/api/v1/me/password", HttpStatusCode.NoContent);
        await Check(person.PostAsync("/api/v1/auth/refresh", null), "POST", "/api/v1/auth/refresh", HttpStatusCode.OK);
        await Check(person.PostAsync("/api/v1/auth/logout", null), "POST", "/api/v1/auth/logout", HttpStatusCode.NoContent);
        await Check(person.PostAsync("/api/v1/auth/refresh", null), "POST", "/api/v1/auth/refresh", HttpStatusCode.Unauthorized);

        // History import
        var csv = "received_at,classification\n2021-05-01T10:00:00,prank\n"u8.ToArray();
        using (var post = new ByteArrayContent(csv))
        {
            post.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            var import = await Check(supervisor.PostAsync("/api/v1/imports", post), "POST", "/api/v1/imports", HttpStatusCode.Accepted);
            await Check(supervisor.GetAsync($"/api/v1/imports/{IdOf(import)}"), "GET", "/api/v1/imports/{id}", HttpStatusCode.OK);
        }
        using (var wrongHeader = new ByteArrayContent("when,what\n"u8.ToArray()))
        {
            wrongHeader.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            await Check(supervisor.PostAsync("/api/v1/imports", wrongHeader), "POST", "/api/v1/imports", HttpStatusCode.BadRequest);
        }
        await Check(supervisor.GetAsync("/api/v1/imports"), "GET", "/api/v1/imports", HttpStatusCode.OK);
        await Check(supervisor.GetAsync($"/api/v1/imports/{Guid.NewGuid()}"), "GET", "/api/v1/imports/{id}", HttpStatusCode.NotFound);

        // Interoperability
        var ticket = await Check(fixture.ClientAs("calltaker").PostAsJsonAsync(Tickets, TicketRequests.FireBody()), "POST", Tickets, HttpStatusCode.Created);
        await Check(supervisor.GetAsync($"{Tickets}/{IdOf(ticket)}/eido"), "GET", Tickets + "/{id}/eido", HttpStatusCode.OK);
        await Check(supervisor.GetAsync($"{Tickets}/{Guid.NewGuid()}/eido"), "GET", Tickets + "/{id}/eido", HttpStatusCode.NotFound);
        await Check(supervisor.GetAsync("/api/v1/alerts/999999/cap"), "GET", "/api/v1/alerts/{id}/cap", HttpStatusCode.NotFound);
        await Check(supervisor.GetAsync("/api/v1/cap/alerts.atom"), "GET", "/api/v1/cap/alerts.atom", HttpStatusCode.OK);

        string[] tags = ["Sign-in", "Accounts", "Imports", "Interoperability"];
        var sampled = document.Operations.Where(o => tags.Contains(document.Operation(o[..o.IndexOf(' ')], o[(o.IndexOf(' ') + 1)..])["tags"]![0]!.GetValue<string>()));
        Assert.Empty(sampled.Except(document.Checked));
    }
}

internal static class ContractRequests
{
    public static Task<HttpResponseMessage> PostWithIfMatchAsync(this HttpClient client, string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetWithLastEventIdAsync(this HttpClient client, string url, string lastEventId,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        return client.SendAsync(request, completion);
    }
}
