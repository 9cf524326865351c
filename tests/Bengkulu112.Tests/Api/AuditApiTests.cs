using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class AuditApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private async Task<List<System.Text.Json.JsonElement>> Audit(string subject) =>
        [.. (await (await fixture.ClientAs("supervisor").GetAsync($"/api/v1/audit?subject={Uri.EscapeDataString(subject)}"))
            .AssertJson(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task Admin_changes_to_routing_and_OPDs_are_audited_with_who_did_them()
    {
        var admin = fixture.ClientAs("admin");
        await (await admin.PutAsJsonAsync("/api/v1/routing/wasp_nest", new
        {
            priority = "P3", primary_opd = "damkar", supporting_opds = Array.Empty<string>(),
            deadlines = new { acknowledge = "PT10M", on_scene = "PT1H", resolve = "P2D" },
        })).AssertJson(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync("/api/v1/opds/sar", new { name = "Basarnas Bengkulu", categories = new[] { "disaster" } }))
            .AssertJson(HttpStatusCode.Created);

        var routing = Assert.Single(await Audit("routing:wasp_nest"));
        Assert.Equal("test-admin", routing.GetProperty("actor").GetString());
        Assert.Equal("routing.put", routing.GetProperty("action").GetString());
        Assert.Equal("PT10M", routing.GetProperty("details").GetProperty("deadlines").GetProperty("acknowledge").GetString());
        var opd = Assert.Single(await Audit("opd:sar"));
        Assert.Equal("opd.create", opd.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_supervisor_flag_and_unflag_are_audited()
    {
        var number = "+62813" + Random.Shared.Next(1000000, 9999999);
        var supervisor = fixture.ClientAs("supervisor");
        await (await supervisor.PutAsJsonAsync($"/api/v1/callers/{Uri.EscapeDataString(number)}/flag", new { reason = "Ancaman bom palsu" }))
            .AssertJson(HttpStatusCode.OK);
        await (await supervisor.DeleteAsync($"/api/v1/callers/{Uri.EscapeDataString(number)}/flag")).AssertJson(HttpStatusCode.OK);

        var entries = await Audit("caller:" + number);
        Assert.Equal(["caller.unflag", "caller.flag"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e => Assert.Equal("test-supervisor", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Admins_see_no_audit_entry_about_a_caller_not_even_asking_by_number()
    {
        var number = "+62813" + Random.Shared.Next(1000000, 9999999);
        await (await fixture.ClientAs("supervisor").PutAsJsonAsync($"/api/v1/callers/{Uri.EscapeDataString(number)}/flag",
            new { reason = "Ancaman bom palsu" })).AssertJson(HttpStatusCode.OK);
        var admin = fixture.ClientAs("admin");

        var byNumber = await (await admin.GetAsync($"/api/v1/audit?subject={Uri.EscapeDataString("caller:" + number)}"))
            .AssertJson(HttpStatusCode.OK);
        Assert.Empty(byNumber.GetProperty("items").EnumerateArray());
        var all = await (await admin.GetAsync("/api/v1/audit?limit=500")).AssertJson(HttpStatusCode.OK);
        Assert.DoesNotContain(number, all.GetRawText());
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(),
            e => e.GetProperty("subject").GetString()!.StartsWith("caller:", StringComparison.Ordinal));
        Assert.Single(await Audit("caller:" + number)); // a supervisor still sees it
    }

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    public async Task Only_supervisors_and_admins_read_the_audit(string role, string? opd) =>
        await (await fixture.ClientAs(role, opd).GetAsync("/api/v1/audit")).AssertProblem(HttpStatusCode.Forbidden);

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?cursor=abc", "cursor")]
    public async Task Bad_paging_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await fixture.ClientAs("admin").GetAsync("/api/v1/audit" + query)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
