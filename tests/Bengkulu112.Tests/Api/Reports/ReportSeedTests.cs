using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bengkulu112.Api.Auth;
using Bengkulu112.Seed;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Reports;

/// <summary>The data generator (`./run.sh seed`) drives the real API, and the report gives back what it planned.</summary>
public sealed class ReportSeedTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_seeded_year_reproduces_its_totals_and_a_rerun_adds_nothing()
    {
        var options = new SeedOptions(Year: 2019, Calls: 200, Emergencies: 5, Workers: 4, StepDelayMs: 0);
        var plan = YearPlan.Make(options);
        var clients = new FixtureClients(fixture);

        var result = await new Seeder(clients, options, TextWriter.Null).RunAsync();
        Assert.Equal(200, result.Calls);
        Assert.Equal(5, result.Emergencies);

        var report = await Summary();
        AssertTotals(report, plan);
        var top = report.GetProperty("top_prank_callers").EnumerateArray().ToList();
        Assert.NotEmpty(top);
        Assert.True(top[0].GetProperty("prank_calls").GetInt64() >= 2, "repeat pranksters lead the list");

        await new Seeder(clients, options, TextWriter.Null).RunAsync();
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
        private readonly LocalTokenIssuer issuer =
            new(fixture.Tokens.Settings, LocalSigningKey.Load(fixture.Tokens.Settings), TimeProvider.System);
        private readonly ConcurrentDictionary<string, HttpClient> clients = new();

        public HttpClient CallTaker(int index) => Client($"seed-calltaker-{index}", Roles.CallTaker, null);

        public HttpClient Opd(string code) => Client($"seed-opd-{code}", Roles.Opd, code);

        private HttpClient Client(string subject, string role, string? opd) => clients.GetOrAdd(subject, _ =>
        {
            var client = fixture.Api.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(subject, role, opd));
            return client;
        });
    }
}
