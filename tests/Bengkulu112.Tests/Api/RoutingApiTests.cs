using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class RoutingApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static object Body(string? primary, string[] supporting, string acknowledge = "PT3M",
        string onScene = "PT20M", string resolve = "PT6H", string priority = "P2") =>
        new
        {
            priority,
            primary_opd = primary,
            supporting_opds = supporting,
            deadlines = new { acknowledge, on_scene = onScene, resolve },
        };

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public async Task Every_role_reads_the_default_table_of_twelve_categories()
    {
        var page = await (await fixture.ClientAs("opd", "pmi").GetAsync("/api/v1/routing")).AssertJson(HttpStatusCode.OK);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(12, items.Count);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next_cursor").ValueKind);
        var fire = items.Single(i => i.GetProperty("category").GetString() == "fire");
        Assert.Equal("P1", fire.GetProperty("priority").GetString());
        Assert.Equal("damkar", fire.GetProperty("primary_opd").GetString());
        Assert.Equal(["dinkes"], Strings(fire.GetProperty("supporting_opds")));
        var deadlines = fire.GetProperty("deadlines");
        Assert.Equal("PT2M", deadlines.GetProperty("acknowledge").GetString());
        Assert.Equal("PT15M", deadlines.GetProperty("on_scene").GetString());
        Assert.Equal("PT4H", deadlines.GetProperty("resolve").GetString());
        var other = items.Single(i => i.GetProperty("category").GetString() == "other");
        Assert.Equal(JsonValueKind.Null, other.GetProperty("primary_opd").ValueKind);
        Assert.Equal("P3D", other.GetProperty("deadlines").GetProperty("resolve").GetString());
    }

    [Fact]
    public async Task One_category_is_read_and_an_unknown_one_is_a_404_problem()
    {
        var disaster = await (await fixture.ClientAs("calltaker").GetAsync("/api/v1/routing/disaster")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(["damkar", "dinkes"], Strings(disaster.GetProperty("supporting_opds")));

        await (await fixture.ClientAs("calltaker").GetAsync("/api/v1/routing/volcano")).AssertProblem(HttpStatusCode.NotFound);
        await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/volcano", Body("bpbd", [])))
            .AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_change_is_answered_and_read_back_at_once()
    {
        var changed = await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/animal",
            Body("damkar", ["bpbd"], acknowledge: "PT3M", onScene: "PT1H30M", resolve: "P2D", priority: "P1")))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal("animal", changed.GetProperty("category").GetString());
        Assert.Equal("PT1H30M", changed.GetProperty("deadlines").GetProperty("on_scene").GetString());

        var read = await (await fixture.ClientAs("calltaker").GetAsync("/api/v1/routing/animal")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("P1", read.GetProperty("priority").GetString());
        Assert.Equal(["bpbd"], Strings(read.GetProperty("supporting_opds")));
        Assert.Equal("P2D", read.GetProperty("deadlines").GetProperty("resolve").GetString());
        var list = await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/routing")).AssertJson(HttpStatusCode.OK);
        var animal = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("category").GetString() == "animal");
        Assert.Equal("PT3M", animal.GetProperty("deadlines").GetProperty("acknowledge").GetString());
    }

    [Fact]
    public async Task Other_may_have_no_primary_OPD()
    {
        var other = await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/other", Body(null, [])))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, other.GetProperty("primary_opd").ValueKind);
    }

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    [InlineData("supervisor", null)]
    public async Task Only_an_admin_may_change_routing(string role, string? opd)
    {
        await (await fixture.ClientAs(role, opd).PutAsJsonAsync("/api/v1/routing/wasp_nest", Body("bpbd", [])))
            .AssertProblem(HttpStatusCode.Forbidden);

        var wasp = await (await fixture.ClientAs("admin").GetAsync("/api/v1/routing/wasp_nest")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("damkar", wasp.GetProperty("primary_opd").GetString());
    }

    [Fact]
    public async Task Refused_OPDs_are_named_by_field_and_nothing_changes()
    {
        var problem = await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/traffic",
            Body("nobody", ["polresta", "ghost", "polresta"]))).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("primary_opd"), m => m.Contains("nobody"));
        Assert.Contains(problem.FieldErrors("supporting_opds[1]"), m => m.Contains("ghost"));
        Assert.NotEmpty(problem.FieldErrors("supporting_opds[2]"));
        var traffic = await (await fixture.ClientAs("admin").GetAsync("/api/v1/routing/traffic")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("dishub", traffic.GetProperty("primary_opd").GetString());
    }

    [Fact]
    public async Task Deadlines_out_of_order_or_too_long_are_named_by_field()
    {
        var problem = await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/traffic",
            Body("dishub", [], acknowledge: "PT30M", onScene: "PT10M", resolve: "P31D"))).AssertProblem(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("deadlines.on_scene"));
        Assert.Contains(problem.FieldErrors("deadlines.resolve"), m => m.Contains("30 days"));
    }

    [Fact]
    public async Task A_duration_that_is_not_ISO_8601_is_refused_with_a_clear_reason()
    {
        var json = """{"priority":"P3","primary_opd":"dishub","supporting_opds":[],"deadlines":{"acknowledge":"00:15:00","on_scene":"PT2H","resolve":"P3D"}}""";
        var problem = await (await fixture.ClientAs("admin").PutAsync("/api/v1/routing/traffic",
            new StringContent(json, Encoding.UTF8, "application/json"))).AssertProblem(HttpStatusCode.BadRequest);

        Assert.Contains(problem.FieldErrors("deadlines.acknowledge"), m => m.Contains("ISO 8601") && m.Contains("PT2M"));
    }

    [Fact]
    public async Task Missing_priority_and_deadlines_are_named()
    {
        var problem = await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/routing/traffic",
            new { primary_opd = "dishub", deadlines = new { acknowledge = "PT1M" } })).AssertProblem(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("priority"));
        Assert.NotEmpty(problem.FieldErrors("deadlines.on_scene"));
        Assert.NotEmpty(problem.FieldErrors("deadlines.resolve"));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_deadlines_as_ISO_8601_durations()
    {
        var document = await (await fixture.ClientAs(null).GetAsync("/openapi/v1.json")).AssertJson(HttpStatusCode.OK);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "DeadlinesResponse", "DeadlinesRequest" })
        {
            var acknowledge = schemas.GetProperty(name).GetProperty("properties").GetProperty("acknowledge");
            Assert.True(acknowledge.TryGetProperty("format", out var format) && format.GetString() == "duration", $"{name}: {acknowledge}");
            Assert.False(acknowledge.TryGetProperty("pattern", out _), $"{name}: {acknowledge}");
        }
    }
}
