using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class CallersApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Classifications = ["emergency", "non_emergency", "prank", "silent", "wrong_number", "abandoned"];

    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    [Fact]
    public async Task A_caller_shows_counts_for_every_classification_and_the_newest_calls_first()
    {
        var number = CallRequests.NewNumber();
        var prank = await CallTaker.RecordCall(new { caller_number = number, received_at = DateTimeOffset.UtcNow.AddHours(-2) });
        await CallTaker.ClassifyAs(prank.Id(), "prank");
        var silent = await CallTaker.RecordCall(new { caller_number = number, received_at = DateTimeOffset.UtcNow.AddHours(-1) });
        await CallTaker.ClassifyAs(silent.Id(), "silent");
        var open = await CallTaker.RecordCall(number);

        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(CallRequests.E164(number), caller.GetProperty("number").GetString());
        var counts = caller.GetProperty("counts");
        Assert.Equal(Classifications.Order(), counts.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(1, counts.GetProperty("prank").GetInt32());
        Assert.Equal(1, counts.GetProperty("silent").GetInt32());
        Assert.Equal(0, counts.GetProperty("emergency").GetInt32());
        Assert.Equal(3, caller.GetProperty("total_calls").GetInt32());
        Assert.Equal(1, caller.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal(1, caller.GetProperty("silent_calls_30d").GetInt32());
        var last = caller.GetProperty("last_calls").EnumerateArray().ToList();
        Assert.Equal([open.Id(), silent.Id(), prank.Id()], last.Select(c => c.GetProperty("call_id").GetString()));
        Assert.Equal(JsonValueKind.Null, last[0].GetProperty("classification").ValueKind);
        Assert.Equal("silent", last[1].GetProperty("classification").GetString());
        Assert.Equal(silent.GetProperty("received_at").GetString(), last[1].GetProperty("received_at").GetString());
        Assert.False(caller.GetProperty("flagged").GetBoolean());
        foreach (var empty in new[] { "flag_reason", "flagged_by", "flagged_at" })
            Assert.Equal(JsonValueKind.Null, caller.GetProperty(empty).ValueKind);
    }

    [Fact]
    public async Task Any_form_of_the_number_finds_the_caller()
    {
        var number = CallRequests.NewNumber();
        await CallTaker.RecordCall(number);
        var e164 = CallRequests.E164(number);

        foreach (var form in new[] { number, e164[1..], "%2B" + e164[1..] })
        {
            var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{form}")).AssertJson(HttpStatusCode.OK);
            Assert.Equal(e164, caller.GetProperty("number").GetString());
        }
    }

    [Fact]
    public async Task Only_the_20_newest_calls_are_listed()
    {
        var number = CallRequests.NewNumber();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var ids = new List<string>();
        for (var i = 0; i < 22; i++)
            ids.Add((await CallTaker.RecordCall(new { caller_number = number, received_at = start.AddMinutes(i) })).Id());

        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);

        Assert.Equal(22, caller.GetProperty("total_calls").GetInt32());
        var listed = caller.GetProperty("last_calls").EnumerateArray().Select(c => c.GetProperty("call_id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids).Take(20), listed);
    }

    [Fact]
    public async Task An_unknown_number_is_404_and_an_invalid_one_400_naming_number()
    {
        await (await CallTaker.GetAsync($"/api/v1/callers/{CallRequests.NewNumber()}")).AssertProblem(HttpStatusCode.NotFound);

        var problem = await (await CallTaker.GetAsync("/api/v1/callers/hello")).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("number"));
    }

    [Fact]
    public async Task A_supervisor_flags_and_unflags_a_number_and_its_next_calls_show_it()
    {
        var number = CallRequests.NewNumber();
        await CallTaker.RecordCall(number);

        var flagged = await (await Supervisor.PutAsJsonAsync($"/api/v1/callers/{number}/flag", new { reason = "threatens call takers" }))
            .AssertJson(HttpStatusCode.OK);
        Assert.True(flagged.GetProperty("flagged").GetBoolean());
        Assert.Equal("threatens call takers", flagged.GetProperty("flag_reason").GetString());
        Assert.Equal("test-supervisor", flagged.GetProperty("flagged_by").GetString());
        Assert.EndsWith("Z", flagged.GetProperty("flagged_at").GetString());

        var call = await CallTaker.RecordCall(number);
        Assert.True(call.GetProperty("screening").GetProperty("flagged").GetBoolean());
        Assert.Equal("threatens call takers", call.GetProperty("screening").GetProperty("flag_reason").GetString());

        var unflagged = await (await Supervisor.DeleteAsync($"/api/v1/callers/{number}/flag")).AssertJson(HttpStatusCode.OK);
        Assert.False(unflagged.GetProperty("flagged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unflagged.GetProperty("flag_reason").ValueKind);
        Assert.False((await CallTaker.RecordCall(number)).GetProperty("screening").GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task Unflagging_leaves_the_automatic_flag_while_the_pranks_reach_the_threshold()
    {
        var number = CallRequests.NewNumber();
        for (var i = 0; i < 3; i++)
            await CallTaker.ClassifyAs((await CallTaker.RecordCall(number)).Id(), "prank");
        await (await Supervisor.PutAsJsonAsync($"/api/v1/callers/{number}/flag", new { reason = "known prankster" })).AssertJson(HttpStatusCode.OK);

        var caller = await (await Supervisor.DeleteAsync($"/api/v1/callers/{number}/flag")).AssertJson(HttpStatusCode.OK);

        Assert.True(caller.GetProperty("flagged").GetBoolean());
        Assert.Equal("3 prank calls in the last 30 days", caller.GetProperty("flag_reason").GetString());
        Assert.Equal(3, caller.GetProperty("prank_calls_30d").GetInt32());
    }

    [Fact]
    public async Task A_number_that_never_called_may_be_flagged_in_advance()
    {
        var number = CallRequests.NewNumber();

        await (await Supervisor.PutAsJsonAsync($"/api/v1/callers/{number}/flag", new { reason = "reported by the police" })).AssertJson(HttpStatusCode.OK);

        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.True(caller.GetProperty("flagged").GetBoolean());
        Assert.Equal(0, caller.GetProperty("total_calls").GetInt32());
        var first = await CallTaker.RecordCall(number);
        Assert.True(first.GetProperty("screening").GetProperty("flagged").GetBoolean());
        Assert.Equal(0, first.GetProperty("screening").GetProperty("prior_calls").GetInt32());
    }

    [Fact]
    public async Task A_flag_needs_a_reason_of_at_most_500_characters()
    {
        var number = CallRequests.NewNumber();
        var missing = await (await Supervisor.PutAsJsonAsync($"/api/v1/callers/{number}/flag", new { reason = " " })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("reason"));
        var tooLong = await (await Supervisor.PutAsJsonAsync($"/api/v1/callers/{number}/flag", new { reason = new string('r', 501) }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(tooLong.FieldErrors("reason"));
        await (await Supervisor.GetAsync($"/api/v1/callers/{number}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Supervisor.DeleteAsync($"/api/v1/callers/{number}/flag")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_supervisors_flag_and_only_call_takers_and_supervisors_see_callers()
    {
        var number = CallRequests.NewNumber();
        await CallTaker.RecordCall(number);

        await (await CallTaker.PutAsJsonAsync($"/api/v1/callers/{number}/flag", new { reason = "x" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await CallTaker.DeleteAsync($"/api/v1/callers/{number}/flag")).AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs("opd", "damkar").GetAsync($"/api/v1/callers/{number}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs("admin").GetAsync($"/api/v1/callers/{number}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Supervisor.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
    }
}
