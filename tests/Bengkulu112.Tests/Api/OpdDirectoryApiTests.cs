using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class OpdDirectoryApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] DefaultCodes = ["bpbd", "damkar", "dinkes", "dishub", "dlh", "pmi", "polresta", "pupr", "satpolpp"];

    [Fact]
    public async Task The_nine_default_OPDs_are_seeded_and_listed()
    {
        var page = await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds")).AssertJson(HttpStatusCode.OK);

        var codes = page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();
        Assert.Subset(DefaultCodes.ToHashSet(), codes.OfType<string>().ToHashSet());
        Assert.Equal(JsonValueKindNull, page.GetProperty("next_cursor").ValueKind);
        var damkar = page.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("code").GetString() == "damkar");
        Assert.Equal("Dinas Pemadam Kebakaran dan Penyelamatan", damkar.GetProperty("name").GetString());
        Assert.Contains("fire", damkar.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.True(damkar.GetProperty("active").GetBoolean());
        Assert.Equal(0, damkar.GetProperty("open_tickets").GetInt32());
        Assert.Equal(JsonValueKindNull, damkar.GetProperty("backup_opd").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    [InlineData("supervisor", null)]
    [InlineData("admin", null)]
    public async Task Every_role_reads_one_OPD(string role, string? opd)
    {
        var pmi = await (await fixture.ClientAs(role, opd).GetAsync("/api/v1/opds/pmi")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("Palang Merah Indonesia", pmi.GetProperty("name").GetString());
        Assert.Equal(["blood"], pmi.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToArray());
    }

    [Fact]
    public async Task An_unknown_OPD_is_a_404_problem()
    {
        var problem = await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds/nosuchopd")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("nosuchopd", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_admin_creates_then_updates_an_OPD()
    {
        var admin = fixture.ClientAs("admin");
        var created = await admin.PutAsJsonAsync("/api/v1/opds/basarnas",
            new { name = "Basarnas Bengkulu", categories = new[] { "disaster", "accident" } });
        var body = await created.AssertJson(HttpStatusCode.Created);
        Assert.Equal("/api/v1/opds/basarnas", created.Headers.Location?.ToString());
        Assert.True(body.GetProperty("active").GetBoolean());

        var updated = await (await admin.PutAsJsonAsync("/api/v1/opds/basarnas",
            new { name = "Kantor SAR Bengkulu", categories = new[] { "disaster" }, backup_opd = "bpbd", active = false }))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal("bpbd", updated.GetProperty("backup_opd").GetString());

        var read = await (await fixture.ClientAs("calltaker").GetAsync("/api/v1/opds/basarnas")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("Kantor SAR Bengkulu", read.GetProperty("name").GetString());
        Assert.False(read.GetProperty("active").GetBoolean());
        var list = await (await admin.GetAsync("/api/v1/opds")).AssertJson(HttpStatusCode.OK);
        Assert.Contains("basarnas", list.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    [InlineData("supervisor", null)]
    public async Task Only_an_admin_may_change_the_directory(string role, string? opd)
    {
        var response = await fixture.ClientAs(role, opd).PutAsJsonAsync("/api/v1/opds/damkar",
            new { name = "Hijacked", categories = Array.Empty<string>() });
        await response.AssertProblem(HttpStatusCode.Forbidden);

        var damkar = await (await fixture.ClientAs("admin").GetAsync("/api/v1/opds/damkar")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("Dinas Pemadam Kebakaran dan Penyelamatan", damkar.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Invalid_fields_are_named_and_nothing_is_written()
    {
        var admin = fixture.ClientAs("admin");
        var problem = await (await admin.PutAsJsonAsync("/api/v1/opds/newopd",
            new { name = "", categories = new[] { "fire", "volcano" }, backup_opd = "nobody" })).AssertProblem(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("name"));
        Assert.Contains(problem.FieldErrors("categories"), m => m.Contains("volcano"));

        var missingBackup = await (await admin.PutAsJsonAsync("/api/v1/opds/newopd",
            new { name = "New", categories = new[] { "fire" }, backup_opd = "nobody" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(missingBackup.FieldErrors("backup_opd"), m => m.Contains("nobody"));

        await (await admin.GetAsync("/api/v1/opds/newopd")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_code_in_the_route_is_refused()
    {
        var problem = await (await fixture.ClientAs("admin").PutAsJsonAsync("/api/v1/opds/Bad-Code!",
            new { name = "X", categories = Array.Empty<string>() })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("code"));
    }

    [Fact]
    public async Task Malformed_json_names_the_field()
    {
        var admin = fixture.ClientAs("admin");
        var wrongType = new StringContent("""{"name":"X","categories":"fire"}""", Encoding.UTF8, "application/json");
        var problem = await (await admin.PutAsync("/api/v1/opds/x1", wrongType)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("categories"));

        var broken = new StringContent("""{"name": """, Encoding.UTF8, "application/json");
        await (await admin.PutAsync("/api/v1/opds/x1", broken)).AssertProblem(HttpStatusCode.BadRequest);
    }
}
