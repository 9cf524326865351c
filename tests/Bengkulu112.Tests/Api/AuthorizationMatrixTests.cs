using System.Net;
using System.Text;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>
/// SPEC.md §3 as a table: every route of the API × every role, each side proven (allowed: the request gets past
/// authorisation; refused: 403). A route missing from the table fails the coverage test, so none can be forgotten.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string CallTaker = "calltaker", Opd = "opd", Supervisor = "supervisor", Admin = "admin";
    private static readonly string[] Everyone = [CallTaker, Opd, Supervisor, Admin];

    /// <summary>Method, route template, who may pass. The OPD user is bound to `damkar`, the route's `{code}`.</summary>
    public static readonly (string Method, string Route, string[] Allowed)[] Matrix =
    [
        ("GET", "/api/v1/opds", Everyone),
        ("GET", "/api/v1/opds/{code}", Everyone),
        ("PUT", "/api/v1/opds/{code}", [Admin]),
        ("GET", "/api/v1/opds/{code}/tickets", [Opd, Supervisor]),
        ("GET", "/api/v1/routing", Everyone),
        ("GET", "/api/v1/routing/{category}", Everyone),
        ("PUT", "/api/v1/routing/{category}", [Admin]),
        ("POST", "/api/v1/calls", [CallTaker, Supervisor]),
        ("GET", "/api/v1/calls/{id}", [CallTaker, Supervisor]),
        ("POST", "/api/v1/calls/{id}/classify", [CallTaker, Supervisor]),
        ("GET", "/api/v1/callers/{number}", [CallTaker, Supervisor]),
        ("PUT", "/api/v1/callers/{number}/flag", [Supervisor]),
        ("DELETE", "/api/v1/callers/{number}/flag", [Supervisor]),
        ("POST", "/api/v1/tickets", [CallTaker, Supervisor]),
        ("GET", "/api/v1/tickets", Everyone),
        ("GET", "/api/v1/tickets/suggestions", [CallTaker, Supervisor]),
        ("GET", "/api/v1/tickets/{id}", Everyone),
        ("GET", "/api/v1/tickets/{id}/timeline", Everyone),
        ("POST", "/api/v1/tickets/{id}/escalate", [CallTaker, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/acknowledge", [Opd, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/on-scene", [Opd, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/resolve", [Opd, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/reject", [Opd]),
        ("POST", "/api/v1/tickets/{id}/close", [CallTaker, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/cancel", [CallTaker, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/reopen", [CallTaker, Supervisor]),
        ("POST", "/api/v1/tickets/{id}/notes", Everyone),
        ("GET", "/api/v1/alerts", [Supervisor]),
        ("POST", "/api/v1/alerts/{id}/acknowledge", [Supervisor]),
        ("GET", "/api/v1/stream/tickets", Everyone),
        ("GET", "/api/v1/stream/alerts", [Supervisor]),
        ("GET", "/api/v1/audit", [Supervisor, Admin]),
        ("POST", "/api/v1/webhooks", [Admin]),
        ("GET", "/api/v1/webhooks", [Admin]),
        ("GET", "/api/v1/webhooks/{id}", [Admin]),
        ("DELETE", "/api/v1/webhooks/{id}", [Admin]),
        ("GET", "/api/v1/webhooks/{id}/deliveries", [Admin]),
        ("POST", "/api/v1/webhooks/{id}/secret", [Admin]),
        ("GET", "/api/v1/reports/summary", [Supervisor]),
        ("GET", "/api/v1/tickets/{id}/eido", Everyone),
        ("GET", "/api/v1/eido/ws", Everyone),
        ("GET", "/api/v1/alerts/{id}/cap", [Supervisor]),
        ("GET", "/api/v1/cap/alerts.atom", [Supervisor]),
        ("GET", "/api/v1/me", Everyone),
        ("POST", "/api/v1/me/password", Everyone),
        ("GET", "/api/v1/users", [Admin]),
        ("POST", "/api/v1/users", [Admin]),
        ("GET", "/api/v1/users/{username}", [Admin]),
        ("PATCH", "/api/v1/users/{username}", [Admin]),
        ("POST", "/api/v1/users/{username}/reset-password", [Admin]),
        ("GET", "/api/v1/reports/series", [Supervisor]),
        ("POST", "/api/v1/imports", [Supervisor, Admin]),
        ("GET", "/api/v1/imports", [Supervisor, Admin]),
        ("GET", "/api/v1/imports/{id}", [Supervisor, Admin]),
    ];

    /// <summary>Routes whose credential is not a bearer token (a password, the refresh cookie): open to anyone.</summary>
    public static readonly (string Method, string Route)[] Anonymous =
    [
        ("POST", "/api/v1/auth/login"),
        ("POST", "/api/v1/auth/refresh"),
        ("POST", "/api/v1/auth/logout"),
        ("GET", "/api/v1/auth/config"),
    ];

    public static TheoryData<string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var (method, route, allowed) in Matrix)
            foreach (var role in Everyone)
                data.Add(method, route, role, allowed.Contains(role));
        return data;
    }

    private static string Concrete(string route) => route
        .Replace("{code}", "damkar").Replace("{category}", "fire").Replace("{number}", "%2B6281234567890")
        .Replace("{username}", "nobody.here")
        .Replace("{id}", route.Contains("/alerts/") ? "999999" : "00000000-0000-0000-0000-000000000001");

    private async Task<HttpResponseMessage> Send(string method, string route, string? role)
    {
        var client = fixture.ClientAs(role, role == Opd ? "damkar" : null);
        using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(route));
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        // Streams never end: the status line is all this test needs.
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_is_let_through_or_refused_as_SPEC_section_3_says(string method, string route, string role, bool allowed)
    {
        using var response = await Send(method, route, role);
        if (allowed)
        {
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{role} should pass {method} {route}, got {(int)response.StatusCode}");
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} should be refused {method} {route}, got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Without_a_valid_token_every_route_is_401()
    {
        foreach (var (method, route, _) in Matrix)
        {
            using var response = await Send(method, route, null);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {route} without a token: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_sign_in_routes_answer_without_a_token_and_name_their_own_refusals()
    {
        using var login = await Send("POST", "/api/v1/auth/login", null);
        await login.AssertProblem(HttpStatusCode.BadRequest); // no username, no password: reached the route
        foreach (var route in new[] { "/api/v1/auth/refresh", "/api/v1/auth/logout" })
        {
            using var response = await Send("POST", route, null);
            var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
            Assert.StartsWith("urn:bengkulu112:problem:", problem.GetProperty("type").GetString()); // the route's answer, not the gate's
        }
        using var config = await Send("GET", "/api/v1/auth/config", null);
        Assert.True((await config.AssertJson(HttpStatusCode.OK)).GetProperty("local_accounts").GetBoolean());
    }

    [Fact]
    public async Task An_OPD_user_is_refused_another_OPDs_ticket_list()
    {
        using var response = await fixture.ClientAs(Opd, "bpbd").GetAsync("/api/v1/opds/damkar/tickets");
        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Every_api_route_is_in_the_matrix()
    {
        var endpoints = fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var routes = endpoints
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, Normalize(e.RoutePattern.RawText!))))
            .ToHashSet();
        var covered = Matrix.Select(m => (m.Method, m.Route)).Concat(Anonymous).ToHashSet();
        Assert.Empty(routes.Except(covered)); // a route nobody classified
        Assert.Empty(covered.Except(routes)); // a row naming no route (its "allowed" side would pass on a 404)
    }

    private static string Normalize(string route) => route.TrimEnd('/');
}
