using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class CallsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    [Fact]
    public async Task Recording_a_call_answers_201_with_a_zero_screening_for_a_new_number()
    {
        var number = CallRequests.NewNumber();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var response = await CallTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = number });
        var call = await response.AssertJson(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/calls/{call.Id()}", response.Headers.Location?.ToString());
        Assert.Equal(CallRequests.E164(number), call.GetProperty("caller_number").GetString());
        Assert.EndsWith("Z", call.GetProperty("received_at").GetString());
        Assert.InRange(call.GetProperty("received_at").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("voice", call.GetProperty("channel").GetString());
        Assert.Equal("test-calltaker", call.GetProperty("call_taker").GetString());
        foreach (var empty in new[] { "location", "notes", "classification", "classified_at", "ticket_id" })
            Assert.Equal(JsonValueKind.Null, call.GetProperty(empty).ValueKind);
        var screening = call.GetProperty("screening");
        Assert.Equal(0, screening.GetProperty("prior_calls").GetInt32());
        Assert.Equal(0, screening.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal(0, screening.GetProperty("silent_calls_30d").GetInt32());
        Assert.False(screening.GetProperty("flagged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, screening.GetProperty("flag_reason").ValueKind);

        var read = await (await Supervisor.GetAsync($"/api/v1/calls/{call.Id()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(call.ToString(), read.ToString());
    }

    [Fact]
    public async Task What_the_call_taker_enters_on_intake_is_kept()
    {
        var call = await CallTaker.RecordCall(new
        {
            caller_number = CallRequests.NewNumber(),
            received_at = "2026-11-28T21:40:11+07:00",
            channel = "sms",
            location = new { address = "  Jl. Suprapto 12 ", kecamatan = "Ratu Agung", lat = -3.7928, lon = 102.2608 },
            notes = "smoke seen behind the market",
        });

        Assert.Equal("2026-11-28T14:40:11Z", call.GetProperty("received_at").GetString());
        Assert.Equal("sms", call.GetProperty("channel").GetString());
        var location = call.GetProperty("location");
        Assert.Equal("Jl. Suprapto 12", location.GetProperty("address").GetString());
        Assert.Equal(JsonValueKind.Null, location.GetProperty("kelurahan").ValueKind);
        Assert.Equal(-3.7928, location.GetProperty("lat").GetDouble());
        Assert.Equal("smoke seen behind the market", call.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task The_three_forms_of_a_number_are_one_caller()
    {
        var local = CallRequests.NewNumber();
        var e164 = CallRequests.E164(local);

        var first = await CallTaker.RecordCall(local);
        var second = await CallTaker.RecordCall(e164[1..]);
        var third = await CallTaker.RecordCall(e164);

        Assert.All(new[] { first, second, third }, c => Assert.Equal(e164, c.GetProperty("caller_number").GetString()));
        Assert.Equal([0, 1, 2], new[] { first, second, third }.Select(c => c.GetProperty("screening").GetProperty("prior_calls").GetInt32()));
    }

    [Fact]
    public async Task After_three_pranks_the_next_call_is_flagged_and_still_accepted()
    {
        var number = CallRequests.NewNumber();
        for (var i = 0; i < 3; i++)
            await CallTaker.ClassifyAs((await CallTaker.RecordCall(number)).Id(), "prank");

        var response = await CallTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = number });

        var screening = (await response.AssertJson(HttpStatusCode.Created)).GetProperty("screening");
        Assert.True(screening.GetProperty("flagged").GetBoolean());
        Assert.Equal(3, screening.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal(3, screening.GetProperty("prior_calls").GetInt32());
        Assert.Equal("3 prank calls in the last 30 days", screening.GetProperty("flag_reason").GetString());
    }

    [Fact]
    public async Task Pranks_and_silent_calls_received_before_the_30_day_window_are_not_counted()
    {
        var number = CallRequests.NewNumber();
        var now = DateTimeOffset.UtcNow;
        foreach (var (daysAgo, classification) in new[] { (40, "prank"), (31, "prank"), (35, "silent"), (29, "prank"), (2, "silent") })
        {
            var call = await CallTaker.RecordCall(new { caller_number = number, received_at = now.AddDays(-daysAgo) });
            await CallTaker.ClassifyAs(call.Id(), classification);
        }

        var screening = (await CallTaker.RecordCall(number)).GetProperty("screening");

        Assert.Equal(5, screening.GetProperty("prior_calls").GetInt32());
        Assert.Equal(1, screening.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal(1, screening.GetProperty("silent_calls_30d").GetInt32());
        Assert.False(screening.GetProperty("flagged").GetBoolean());
    }

    [Fact]
    public async Task Classifying_records_what_when_and_the_notes()
    {
        var call = await CallTaker.RecordCall(new { caller_number = CallRequests.NewNumber(), notes = "child's voice" });

        var classified = await (await CallTaker.Classify(call.Id(), new { classification = "wrong_number", notes = "dialled 112 by mistake" }))
            .AssertJson(HttpStatusCode.OK);

        Assert.Equal("wrong_number", classified.GetProperty("classification").GetString());
        Assert.EndsWith("Z", classified.GetProperty("classified_at").GetString());
        Assert.Equal(JsonValueKind.Null, classified.GetProperty("ticket_id").ValueKind);
        Assert.Equal("child's voice\n\ndialled 112 by mistake", classified.GetProperty("notes").GetString());
        Assert.Equal(call.GetProperty("screening").ToString(), classified.GetProperty("screening").ToString());
    }

    [Fact]
    public async Task Classifying_twice_is_a_409_for_a_call_taker()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());
        await CallTaker.ClassifyAs(call.Id(), "prank");

        var problem = await (await CallTaker.Classify(call.Id(), new { classification = "silent" })).AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains("prank", problem.GetProperty("detail").GetString());
        var read = await (await CallTaker.GetAsync($"/api/v1/calls/{call.Id()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("prank", read.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task A_supervisor_re_classifies_a_call_that_opened_no_ticket_and_the_caller_counts_move()
    {
        var number = CallRequests.NewNumber();
        var call = await CallTaker.RecordCall(number);
        await CallTaker.ClassifyAs(call.Id(), "prank");

        var reclassified = await Supervisor.ClassifyAs(call.Id(), "abandoned");

        Assert.Equal("abandoned", reclassified.GetProperty("classification").GetString());
        var caller = await (await Supervisor.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(0, caller.GetProperty("counts").GetProperty("prank").GetInt32());
        Assert.Equal(1, caller.GetProperty("counts").GetProperty("abandoned").GetInt32());
        Assert.Equal(1, caller.GetProperty("total_calls").GetInt32());
        Assert.Equal("abandoned", caller.GetProperty("last_calls")[0].GetProperty("classification").GetString());
    }

    [Fact]
    public async Task An_emergency_needs_a_ticket_or_a_link_and_not_both()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());

        await CallTaker.AssertClassifyRefused(call.Id(), new { classification = "emergency" }, "ticket");
        await CallTaker.AssertClassifyRefused(call.Id(), new
        {
            classification = "emergency",
            ticket = new { category = "fire", description = "house fire", location = new { address = "Jl. Suprapto" } },
            link_ticket_id = Guid.NewGuid(),
        }, "link_ticket_id");
    }

    [Fact]
    public async Task Other_classifications_take_no_ticket_and_no_link()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());

        await CallTaker.AssertClassifyRefused(call.Id(), new
        {
            classification = "non_emergency",
            ticket = new { category = "fire", description = "x", location = new { address = "y" } },
        }, "ticket");
        await CallTaker.AssertClassifyRefused(call.Id(), new { classification = "prank", link_ticket_id = Guid.NewGuid() }, "link_ticket_id");
    }

    [Fact]
    public async Task The_ticket_of_an_emergency_is_checked_field_by_field_before_anything_is_opened()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());

        await CallTaker.AssertClassifyRefused(call.Id(), new
        {
            classification = "emergency",
            ticket = new
            {
                category = "volcano", description = "", location = new { kecamatan = "Ratu Agung", lat = 91.0, lon = 0.0 },
                opd = "Not A Code", blood = new { group = "O-", units = 2, hospital = "RSUD M. Yunus" },
            },
        }, "ticket.category", "ticket.description", "ticket.location.address", "ticket.location.lat", "ticket.opd", "ticket.blood");
        await CallTaker.AssertClassifyRefused(call.Id(), new
        {
            classification = "emergency",
            ticket = new { category = "blood", description = "needs O-", location = new { address = "RSUD" }, blood = new { group = "Z", units = 0, hospital = "" } },
        }, "ticket.blood.group", "ticket.blood.units", "ticket.blood.hospital");
        await CallTaker.AssertClassifyRefused(call.Id(), new
        {
            classification = "emergency", ticket = new { category = "fire", description = "fire" },
        }, "ticket.location");
    }

    [Fact]
    public async Task A_classification_is_required_and_must_be_known()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());

        var missing = await (await CallTaker.Classify(call.Id(), new { notes = "?" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("classification"));
        var unknown = await (await CallTaker.Classify(call.Id(), new { classification = "hoax" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknown.FieldErrors("classification"));
        var longNotes = await (await CallTaker.Classify(call.Id(), new { classification = "prank", notes = new string('x', 2001) }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(longNotes.FieldErrors("notes"));
    }

    [Fact]
    public async Task Concurrent_calls_of_one_number_each_see_every_call_recorded_before_it()
    {
        var number = CallRequests.NewNumber();

        var calls = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CallTaker.RecordCall(new { caller_number = number })));

        // The caller grain takes its calls one at a time, each stored before the next is screened.
        var prior = calls.Select(c => c.GetProperty("screening").GetProperty("prior_calls").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(0, 20), prior);
        var caller = await (await Supervisor.GetAsync($"/api/v1/callers/{number}"))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal(20, caller.GetProperty("total_calls").GetInt32());
        foreach (var call in calls)
            await (await Supervisor.GetAsync($"/api/v1/calls/{call.Id()}")).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_repeated_Idempotency_Key_answers_the_first_call_and_another_body_is_422()
    {
        var number = CallRequests.NewNumber();
        var key = Guid.NewGuid().ToString();

        var first = await Post(CallTaker, key, new { caller_number = number, notes = "first" });
        var replay = await Post(CallTaker, key, new { notes = "first", caller_number = number });
        var body = await replay.AssertJson(HttpStatusCode.Created);
        Assert.Equal((await first.AssertJson(HttpStatusCode.Created)).ToString(), body.ToString());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);

        var other = await Post(CallTaker, key, new { caller_number = number, notes = "second" });
        await other.AssertProblem(HttpStatusCode.UnprocessableEntity);

        var otherUser = await (await Post(Supervisor, key, new { caller_number = number, notes = "first" })).AssertJson(HttpStatusCode.Created);
        Assert.NotEqual(body.Id(), otherUser.Id());
        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(2, caller.GetProperty("total_calls").GetInt32());
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/calls") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Theory]
    [InlineData("opd", "damkar")]
    [InlineData("admin", null)]
    public async Task OPD_users_and_admins_never_read_or_record_calls(string role, string? opd)
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());
        var client = fixture.ClientAs(role, opd);

        await (await client.GetAsync($"/api/v1/calls/{call.Id()}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync("/api/v1/calls", new { caller_number = CallRequests.NewNumber() })).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.Classify(call.Id(), new { classification = "prank" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs(null).GetAsync($"/api/v1/calls/{call.Id()}")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    [InlineData("not-a-guid")]
    public async Task An_unknown_or_malformed_call_id_is_a_404(string id)
    {
        await (await CallTaker.GetAsync($"/api/v1/calls/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await CallTaker.Classify(id, new { classification = "prank" })).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_intake_fields_are_named_and_nothing_is_recorded()
    {
        var number = CallRequests.NewNumber();
        var problem = await (await CallTaker.PostAsJsonAsync("/api/v1/calls", new
        {
            caller_number = number,
            received_at = DateTimeOffset.UtcNow.AddMinutes(30),
            location = new { lat = 120.0, lon = 102.0, address = new string('a', 301) },
            notes = new string('n', 2001),
        })).AssertProblem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "received_at", "location.lat", "location.address", "notes" })
            Assert.NotEmpty(problem.FieldErrors(field));
        await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertProblem(HttpStatusCode.NotFound);

        var badNumber = await (await CallTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = "hello" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(badNumber.FieldErrors("caller_number"));
        var noNumber = await (await CallTaker.PostAsJsonAsync("/api/v1/calls", new { channel = "voice" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noNumber.FieldErrors("caller_number"));
    }

    [Theory]
    [InlineData("""{"caller_number":"081234567890","channel":"fax"}""", "channel")]
    [InlineData("""{"caller_number":"081234567890","received_at":"2026-11-28T21:40:11"}""", "received_at")]
    [InlineData("""{"caller_number":"081234567890","location":{"lat":"north"}}""", "location.lat")]
    public async Task Malformed_json_names_the_field(string json, string field)
    {
        var response = await CallTaker.PostAsync("/api/v1/calls", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.NotEmpty((await response.AssertProblem(HttpStatusCode.BadRequest)).FieldErrors(field));
    }
}
