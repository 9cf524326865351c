using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>Calls without a number (SPEC.md §7, API.md "Calls without a number"): recorded, never refused, counted by caller_id.</summary>
public sealed class CallsWithoutNumberTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");

    [Theory]
    [InlineData("withheld")]
    [InlineData("unavailable")]
    public async Task A_call_without_a_number_is_recorded_with_no_screening_history(string callerId)
    {
        var call = await CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = callerId, channel = "voice" });

        Assert.Equal(JsonValueKind.Null, call.GetProperty("caller_number").ValueKind);
        Assert.Equal(callerId, call.GetProperty("caller_id").GetString());
        var screening = call.GetProperty("screening");
        foreach (var count in new[] { "prior_calls", "prank_calls_30d", "silent_calls_30d", "flag_reason" })
            Assert.Equal(JsonValueKind.Null, screening.GetProperty(count).ValueKind);
        Assert.False(screening.GetProperty("flagged").GetBoolean());

        var classified = await CallTaker.ClassifyAs(call.Id(), "prank");
        Assert.Equal("prank", classified.GetProperty("classification").GetString());
        var read = await (await CallTaker.GetAsync($"/api/v1/calls/{call.Id()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(callerId, read.GetProperty("caller_id").GetString());
    }

    [Fact]
    public async Task A_call_with_a_number_says_present()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());
        Assert.Equal("present", call.GetProperty("caller_id").GetString());
        Assert.Equal(0, call.GetProperty("screening").GetProperty("prior_calls").GetInt32());
    }

    [Fact]
    public async Task Many_calls_without_a_number_at_once_are_all_recorded_and_none_is_refused()
    {
        var calls = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = "unavailable" })));
        Assert.Equal(40, calls.Select(c => c.Id()).Distinct().Count());
    }

    [Fact]
    public async Task An_emergency_without_a_number_opens_its_ticket()
    {
        var call = await CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = "withheld" });
        var body = new { classification = "emergency", ticket = new { category = "fire", description = "Asap tebal", location = new { address = "Jl. Bali 3" } } };
        var classified = await (await CallTaker.Classify(call.Id(), body)).AssertJson(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, classified.GetProperty("ticket_id").ValueKind);
    }

    [Theory]
    [InlineData("081234500001", "withheld", "caller_id")]
    [InlineData("081234500001", "unavailable", "caller_id")]
    [InlineData(null, null, "caller_number")]
    [InlineData(null, "present", "caller_number")]
    public async Task A_number_and_caller_id_that_disagree_are_a_400_naming_the_field(string? number, string? callerId, string field)
    {
        var response = await CallTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = number, caller_id = callerId });
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task An_unknown_caller_id_is_a_400_naming_it()
    {
        var response = await CallTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = (string?)null, caller_id = "hidden" });
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("caller_id"));
    }

    [Fact]
    public async Task The_summary_counts_calls_by_caller_id()
    {
        var at = "2018-02-03T10:00:00+07:00";
        await CallTaker.RecordCall(new { caller_number = CallRequests.NewNumber(), received_at = at });
        await CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = "withheld", received_at = at });
        await CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = "unavailable", received_at = at });
        await CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = "unavailable", received_at = at });
        var report = await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/reports/summary?from=2018-02-03&to=2018-02-03"))
            .AssertJson(HttpStatusCode.OK);

        var byCallerId = report.GetProperty("calls").GetProperty("by_caller_id");
        Assert.Equal(1, byCallerId.GetProperty("present").GetInt64());
        Assert.Equal(1, byCallerId.GetProperty("withheld").GetInt64());
        Assert.Equal(2, byCallerId.GetProperty("unavailable").GetInt64());
    }
}
