using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bengkulu112.Seed;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Reports;

/// <summary>The data generator (`./run.sh seed`) writes its year through the history import, and the report gives back what it planned.</summary>
public sealed class ReportSeedTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_seeded_year_reproduces_its_totals_shows_per_opd_figures_and_a_rerun_adds_nothing()
    {
        var options = new SeedOptions(Year: 2019, Calls: 200, Emergencies: 5);
        var plan = YearPlan.Make(options);
        var clients = new FixtureClients(fixture);

        var result = await new Seeder(clients, options, TextWriter.Null).RunAsync();
        Assert.Equal(200, result.Calls);
        Assert.Equal(5, result.Emergencies);
        Assert.Equal((200, 0, 0), (result.Imported, result.AlreadyPresent, result.Refused));

        var report = await Summary();
        AssertTotals(report, plan);
        var top = report.GetProperty("top_prank_callers").EnumerateArray().ToList();
        Assert.NotEmpty(top);
        Assert.True(top[0].GetProperty("prank_calls").GetInt64() >= 2, "repeat pranksters lead the list");
        var perOpd = report.GetProperty("per_opd").EnumerateArray().ToList();
        var escalated = plan.Count(c => c.Emergency?.StepSeconds[0] is not null);
        Assert.Equal(escalated, perOpd.Sum(o => o.GetProperty("escalated").GetInt64()));
        Assert.Contains(perOpd, o => o.GetProperty("sla_met_share").ValueKind == JsonValueKind.Number);
        Assert.Contains(perOpd, o => o.GetProperty("ack_p50_s").ValueKind == JsonValueKind.Number);

        var again = await new Seeder(clients, options, TextWriter.Null).RunAsync();
        Assert.Equal((0, 200, 0), (again.Imported, again.AlreadyPresent, again.Refused));
        AssertTotals(await Summary(), plan);
    }

    private static void AssertTotals(JsonElement report, IReadOnlyList<PlannedCall> plan)
    {
        var calls = report.GetProperty("calls");
        Assert.Equal(200, calls.GetProperty("total").GetInt64());
        foreach (var group in plan.GroupBy(c => c.Classification))
            Assert.Equal(group.Count(), calls.GetProperty("by_classification").GetProperty(group.Key).GetInt64());
        var emergencies = report.GetProperty("emergencies");
        Assert.Equal(5, emergencies.GetProperty("total").GetInt64());
        foreach (var group in plan.Where(c => c.Emergency is not null).GroupBy(c => c.Emergency!.Category))
            Assert.Equal(group.Count(), emergencies.GetProperty("by_category").GetProperty(group.Key).GetInt64());
        Assert.True(plan.Count(c => c.Classification == "prank") > 100, "pranks are the majority");
    }

    private async Task<JsonElement> Summary() =>
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/reports/summary?from=2019-01-01&to=2019-12-31"))
            .AssertJson(HttpStatusCode.OK);

    private sealed class FixtureClients(ApiFixture fixture) : ISeedClients
    {
        private readonly HttpClient supervisor = fixture.ClientAs("supervisor");

        public HttpClient Supervisor() => supervisor;
    }
}
