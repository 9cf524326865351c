using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Reports;

/// <summary>`GET /reports/summary` against the hand-counted data set of <see cref="ReportFixture"/>.</summary>
public sealed class ReportSummaryTests(ReportFixture fixture) : IClassFixture<ReportFixture>
{
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    private async Task<JsonElement> Summary(string query) =>
        await (await Supervisor.GetAsync("/api/v1/reports/summary" + query)).AssertJson(HttpStatusCode.OK);

    private static Dictionary<string, long> Counts(JsonElement e) =>
        e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    [Fact]
    public async Task Calls_are_counted_per_classification_over_the_WIB_days_of_the_period()
    {
        var report = await Summary("?from=2023-03-01&to=2023-03-10");

        var calls = report.GetProperty("calls");
        Assert.Equal(14, calls.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long>
        {
            ["emergency"] = 3, ["non_emergency"] = 1, ["prank"] = 6, ["silent"] = 1, ["wrong_number"] = 1, ["abandoned"] = 1,
        }, Counts(calls.GetProperty("by_classification")));
        Assert.Equal(1, calls.GetProperty("unclassified").GetInt64());
        Assert.Equal(1.4, calls.GetProperty("per_day_avg").GetDouble());       // 14 calls over 10 days
        Assert.Equal(10, report.GetProperty("days").GetInt32());
        Assert.Equal("2023-02-28T17:00:00Z", report.GetProperty("from").GetString());
        Assert.Equal("2023-03-10T17:00:00Z", report.GetProperty("to").GetString());
        Assert.Equal("Asia/Jakarta", report.GetProperty("time_zone").GetString());
    }

    [Fact]
    public async Task Emergencies_are_the_emergency_calls_by_the_category_of_their_ticket()
    {
        var report = await Summary("?from=2023-03-01&to=2023-03-10");

        var emergencies = report.GetProperty("emergencies");
        Assert.Equal(3, emergencies.GetProperty("total").GetInt64());
        var byCategory = Counts(emergencies.GetProperty("by_category"));
        Assert.Equal(2, byCategory["fire"]);        // the call that opened the ticket and the one linked to it
        Assert.Equal(1, byCategory["animal"]);
        Assert.Equal(12, byCategory.Count);           // every category, zeros included
        Assert.Equal(3, byCategory.Values.Sum());
        Assert.Equal(0.4286, report.GetProperty("prank_share").GetDouble()); // 6 of 14, rounded to 4 places
    }

    [Fact]
    public async Task Emergencies_and_their_processing_count_only_the_days_asked_for_among_other_days_emergencies()
    {
        // 8 March: the fire call that opened its ticket and the call linked to it; 9 March: the snake call.
        var eighth = await Summary("?from=2023-03-08&to=2023-03-08");
        var ninth = await Summary("?from=2023-03-09&to=2023-03-09");
        var tenth = await Summary("?from=2023-03-10&to=2023-03-10");

        Assert.Equal(2, eighth.GetProperty("emergencies").GetProperty("total").GetInt64());
        Assert.Equal(2, Counts(eighth.GetProperty("emergencies").GetProperty("by_category"))["fire"]);
        Assert.Equal(0, Counts(eighth.GetProperty("emergencies").GetProperty("by_category"))["animal"]);
        Assert.Equal(1, eighth.GetProperty("emergency_processing").GetProperty("calls").GetInt64()); // the one that opened it
        Assert.Equal(1, Counts(ninth.GetProperty("emergencies").GetProperty("by_category"))["animal"]);
        Assert.Equal(0, Counts(ninth.GetProperty("emergencies").GetProperty("by_category"))["fire"]);
        Assert.Equal(1, ninth.GetProperty("emergency_processing").GetProperty("calls").GetInt64());
        Assert.Equal(0, Counts(tenth.GetProperty("emergencies").GetProperty("by_category")).Values.Sum());
        Assert.Equal(0, tenth.GetProperty("emergency_processing").GetProperty("calls").GetInt64());
    }

    [Fact]
    public async Task Top_prank_callers_come_most_pranks_first()
    {
        var report = await Summary("?from=2023-03-01&to=2023-03-10");

        var top = report.GetProperty("top_prank_callers").EnumerateArray()
            .Select(c => (c.GetProperty("caller_number").GetString()!, c.GetProperty("prank_calls").GetInt64())).ToList();
        Assert.Equal([("+6281211110001", 3L), ("+6281211110002", 2L), ("+6281211110003", 1L)], top);
    }

    [Fact]
    public async Task Top_prank_callers_are_at_most_ten_ties_by_number()
    {
        var report = await Summary("?from=2023-06-01&to=2023-06-01");

        var top = report.GetProperty("top_prank_callers").EnumerateArray()
            .Select(c => (c.GetProperty("caller_number").GetString()!, c.GetProperty("prank_calls").GetInt64())).ToList();
        Assert.Equal(10, top.Count);
        Assert.Equal(("+6281222220099", 2L), top[0]);
        Assert.Equal(Enumerable.Range(1, 9).Select(i => ($"+62812222200{i:00}", 1L)), top.Skip(1));
        Assert.Equal(14, report.GetProperty("calls").GetProperty("per_day_avg").GetDouble()); // one day
    }

    [Fact]
    public async Task Per_opd_times_are_percentiles_from_escalation_and_sla_met_is_the_share_without_breach()
    {
        var report = await Summary("?from=2022-01-01&to=2022-12-31");

        var perOpd = report.GetProperty("per_opd").EnumerateArray().ToList();
        Assert.Equal(["bpbd", "damkar"], perOpd.Select(o => o.GetProperty("opd").GetString()));
        var damkar = perOpd[1];
        Assert.Equal(5, damkar.GetProperty("tickets").GetInt64());
        Assert.Equal(25, damkar.GetProperty("ack_p50_s").GetDouble());        // of 10, 20, 30, 100
        Assert.Equal(79, damkar.GetProperty("ack_p90_s").GetDouble());        // 30 + 0.7 × (100 − 30)
        Assert.Equal(450, damkar.GetProperty("on_scene_p50_s").GetDouble());  // of 300, 600
        Assert.Equal(3600, damkar.GetProperty("resolve_p50_s").GetDouble());
        Assert.Equal(0.6, damkar.GetProperty("sla_met_share").GetDouble());   // 3 of 5 escalated without a breach

        var bpbd = perOpd[0];
        Assert.Equal(1, bpbd.GetProperty("tickets").GetInt64());
        foreach (var figure in new[] { "ack_p50_s", "ack_p90_s", "on_scene_p50_s", "resolve_p50_s", "sla_met_share" })
            Assert.Equal(JsonValueKind.Null, bpbd.GetProperty(figure).ValueKind);
    }

    [Fact]
    public async Task A_period_without_calls_has_zero_counts_and_no_prank_share()
    {
        var report = await Summary("?from=2022-01-01&to=2022-12-31");

        Assert.Equal(0, report.GetProperty("calls").GetProperty("total").GetInt64());
        Assert.Equal(0, report.GetProperty("calls").GetProperty("per_day_avg").GetDouble());
        Assert.Equal(365, report.GetProperty("days").GetInt32());
        Assert.Equal(6, report.GetProperty("calls").GetProperty("by_classification").EnumerateObject().Count());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("prank_share").ValueKind);
        Assert.Empty(report.GetProperty("top_prank_callers").EnumerateArray());
    }

    [Fact]
    public async Task Times_with_an_offset_bound_the_period_exactly()
    {
        // 1 March 00:00 WIB up to (not including) the WIB-day-boundary call of 1 March 01:00.
        var report = await Summary("?from=2023-02-28T17:00:00Z&to=2023-03-01T01:00:00%2B07:00");
        Assert.Equal(0, report.GetProperty("calls").GetProperty("total").GetInt64());

        report = await Summary("?from=2023-03-01T00:00:00&to=2023-03-01T01:00:01"); // no offset: read in WIB
        Assert.Equal(1, report.GetProperty("calls").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Without_a_period_the_report_covers_the_current_year_in_WIB_up_to_now()
    {
        var report = await Summary("");

        var wibNow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var start = new DateTimeOffset(wibNow.Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal(start.UtcDateTime, DateTimeOffset.Parse(report.GetProperty("from").GetString()!).UtcDateTime);
        Assert.Equal(wibNow.DayOfYear, report.GetProperty("days").GetInt32());
    }

    [Fact]
    public async Task Csv_gives_the_same_figures_as_section_key_value_rows()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary?from=2023-03-01&to=2023-03-10");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await Supervisor.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,value", lines[0]);
        Assert.Equal("calls,total,14", lines[1]);
        Assert.Contains("calls.by_classification,prank,6", lines);
        Assert.Contains("calls.by_classification,abandoned,1", lines);
        Assert.Contains("calls,per_day_avg,1.4", lines);
        Assert.Contains("emergencies,total,3", lines);
        Assert.Contains("emergencies.by_category,fire,2", lines);
        Assert.Contains("report,prank_share,0.4286", lines);
        Assert.Contains("report,from,2023-02-28T17:00:00Z", lines);
        var top = lines.Where(l => l.StartsWith("top_prank_callers,", StringComparison.Ordinal)).ToList();
        Assert.Equal(["top_prank_callers,+6281211110001,3", "top_prank_callers,+6281211110002,2", "top_prank_callers,+6281211110003,1"], top);

        request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary?from=2022-01-01&to=2022-12-31");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var perOpd = (await (await Supervisor.SendAsync(request)).Content.ReadAsStringAsync()).Split('\n');
        Assert.Contains("per_opd.damkar,ack_p90_s,79", perOpd);
        Assert.Contains("per_opd.bpbd,ack_p50_s,", perOpd);                  // null: empty value
        Assert.Contains("report,prank_share,", perOpd);
    }

    [Fact]
    public async Task Json_stays_the_answer_when_the_client_prefers_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary?from=2023-03-01&to=2023-03-10");
        request.Headers.Accept.ParseAdd("application/json, text/csv;q=0.5");
        var response = await Supervisor.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_offers_json_and_csv()
    {
        var document = await (await fixture.ClientAs(null).GetAsync("/openapi/v1.json")).AssertJson(HttpStatusCode.OK);
        var ok = document.GetProperty("paths").GetProperty("/api/v1/reports/summary").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(ok.TryGetProperty("application/json", out var json), ok.ToString());
        Assert.Contains("ReportResponse", json.GetProperty("schema").ToString());
        Assert.True(ok.TryGetProperty("text/csv", out _), ok.ToString());
    }

    [Theory]
    [InlineData("?from=2023-03-01", "to")]
    [InlineData("?to=2023-03-01", "from")]
    [InlineData("?from=yesterday&to=2023-03-01", "from")]
    [InlineData("?from=2023-03-01&to=2023-02-31", "to")]
    [InlineData("?from=2023-03-02&to=2023-03-01", "to")]
    [InlineData("?from=2023-03-01T10:00:00Z&to=2023-03-01T10:00:00Z", "to")]
    [InlineData("?from=2018-01-01&to=2023-01-01", "to")]
    public async Task A_bad_period_is_a_400_naming_the_field(string query, string field)
    {
        var problem = await (await Supervisor.GetAsync("/api/v1/reports/summary" + query)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Five_years_is_the_longest_period()
    {
        var report = await Summary("?from=2018-01-01&to=2022-12-31");
        Assert.Equal(1826, report.GetProperty("days").GetInt32());
    }

    [Theory]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    [InlineData("admin", null)]
    public async Task Only_supervisors_see_reports(string role, string? opd)
    {
        var response = await fixture.ClientAs(role, opd).GetAsync("/api/v1/reports/summary");
        await response.AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs(null).GetAsync("/api/v1/reports/summary")).AssertProblem(HttpStatusCode.Unauthorized);
    }
}
