using System.Net;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class OperationsEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Liveness_answers_without_a_token()
    {
        var health = await (await fixture.ClientAs(null).GetAsync("/health/live")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_answers_its_status_and_nothing_about_the_hosts_behind_it()
    {
        var response = await fixture.ClientAs(null).GetAsync("/health/ready");
        var health = await response.AssertJson(HttpStatusCode.OK);
        Assert.Equal("""{"status":"healthy"}""", health.GetRawText());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes_and_the_bearer_scheme()
    {
        var document = await (await fixture.ClientAs(null).GetAsync("/openapi/v1.json")).AssertJson(HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/opds/{code}", out _), paths.ToString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_docs_page_is_served()
    {
        var response = await fixture.ClientAs(null).GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_routes_get_a_404_problem()
    {
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/nothing-here")).AssertProblem(HttpStatusCode.NotFound);
        await (await fixture.ClientAs("calltaker").GetAsync("/nothing-here")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_routes_without_a_token_get_a_401_problem_and_reveal_nothing()
    {
        // Secure by default: the fallback policy covers every route not explicitly anonymous, existing or not.
        await (await fixture.ClientAs(null).GetAsync("/nothing-here")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await fixture.ClientAs(null).GetAsync("/api/v1/nothing-here")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served_to_admins_only_with_the_silos_data()
    {
        await (await fixture.ClientAs(null).GetAsync("/dashboard/DashboardCounters")).AssertProblem(HttpStatusCode.Unauthorized);
        await (await fixture.ClientAs("supervisor").GetAsync("/dashboard/DashboardCounters")).AssertProblem(HttpStatusCode.Forbidden);
        // The silos collect the dashboard's data on a timer: on a busy machine the first collection may still be due.
        await Cluster.Eventually.Within(TimeSpan.FromSeconds(20),
            async () => await (await fixture.ClientAs("admin").GetAsync("/dashboard/DashboardCounters")).AssertJson(HttpStatusCode.OK),
            counters => counters.GetProperty("hosts").GetArrayLength() == 2);
        var page = await fixture.ClientAs("admin").GetAsync("/dashboard/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_method_gets_a_405_problem()
    {
        await (await fixture.ClientAs("admin").DeleteAsync("/api/v1/opds/damkar")).AssertProblem(HttpStatusCode.MethodNotAllowed);
    }
}
