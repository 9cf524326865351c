using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

public sealed class TicketLifecycleTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");
    private HttpClient Opd(string code) => fixture.ClientAs("opd", code);

    [Fact]
    public async Task A_fire_goes_from_open_to_closed_with_every_step_on_the_timeline()
    {
        var created = await CallTaker.PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody());
        var ticket = await created.AssertJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/tickets/{ticket.Id()}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());
        Assert.Matches(new Regex(@"^BKL-\d{4}-\d{6}$"), ticket.Str("number"));
        Assert.Equal("open", ticket.Str("status"));
        Assert.Equal("P1", ticket.Str("priority"));
        Assert.Equal("damkar", ticket.Str("opd"));
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("deadlines").ValueKind);
        Assert.Equal(1, ticket.Version());
        Assert.EndsWith("Z", ticket.Str("created_at"));

        var escalated = await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        Assert.Equal("escalated", escalated.Str("status"));
        Assert.Equal(["dinkes"], escalated.GetProperty("supporting_opds").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var escalatedAt = DateTimeOffset.Parse(escalated.Str("escalated_at"));
        var deadlines = escalated.GetProperty("deadlines");
        Assert.Equal(escalatedAt.AddMinutes(2), DateTimeOffset.Parse(deadlines.Str("acknowledge")));
        Assert.Equal(escalatedAt.AddMinutes(15), DateTimeOffset.Parse(deadlines.Str("on_scene")));
        Assert.Equal(escalatedAt.AddHours(4), DateTimeOffset.Parse(deadlines.Str("resolve")));
        Assert.Equal(1, escalated.GetProperty("escalation_level").GetInt32());

        Assert.Equal("acknowledged", (await Opd("damkar").CommandAsync(ticket, "acknowledge", new { note = "Unit 3 berangkat" }).OkAsync()).Str("status"));
        Assert.Equal("on_scene", (await Opd("damkar").CommandAsync(ticket, "on-scene").OkAsync()).Str("status"));
        Assert.Equal("resolved", (await Opd("damkar").CommandAsync(ticket, "resolve", new { note = "Api padam" }).OkAsync()).Str("status"));
        var closed = await CallTaker.CommandAsync(ticket, "close", new { note = "Pelapor konfirmasi" }).OkAsync();
        Assert.Equal("closed", closed.Str("status"));
        Assert.Equal(6, closed.Version());
        foreach (var step in new[] { "acknowledged_at", "on_scene_at", "resolved_at", "closed_at" })
            Assert.NotEqual(JsonValueKind.Null, closed.GetProperty(step).ValueKind);

        var timeline = await (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline")).AssertJson(HttpStatusCode.OK);
        var entries = timeline.EnumerateArray().ToList();
        Assert.Equal(["created", "escalated", "acknowledged", "on_scene", "resolved", "closed"], entries.Select(e => e.Str("kind")).ToArray());
        Assert.Equal("test-calltaker", entries[1].Str("actor"));
        Assert.Equal("open", entries[1].Str("from_status"));
        Assert.Equal("escalated", entries[1].Str("to_status"));
        Assert.Equal("damkar", entries[2].Str("opd"));
        Assert.Equal("Unit 3 berangkat", entries[2].Str("text"));
        Assert.Equal("Api padam", entries[4].Str("text"));
    }

    [Theory]
    [InlineData("acknowledge", "opd")]
    [InlineData("on-scene", "opd")]
    [InlineData("resolve", "opd")]
    [InlineData("close", "calltaker")]
    [InlineData("reopen", "calltaker")]
    public async Task Steps_out_of_order_are_refused_with_409_and_change_nothing(string command, string role)
    {
        var ticket = await CallTaker.CreateFireAsync();
        var client = role == "opd" ? Opd("damkar") : CallTaker;
        object body = command == "reopen" ? new { reason = "x" } : new { note = "x" };
        var problem = await (await client.CommandAsync(ticket, command, body)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("open", problem.Str("current_status"));

        var after = await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}").OkAsync();
        Assert.Equal(1, after.Version());
        Assert.Equal("open", after.Str("status"));
    }

    [Fact]
    public async Task A_cancelled_ticket_refuses_everything_and_a_closed_one_cannot_be_cancelled()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        var cancelled = await CallTaker.CommandAsync(ticket, "cancel", new { reason = "Laporan ganda" }).OkAsync();
        Assert.Equal("cancelled", cancelled.Str("status"));
        Assert.NotEqual(JsonValueKind.Null, cancelled.GetProperty("cancelled_at").ValueKind);
        var problem = await (await CallTaker.CommandAsync(ticket, "escalate")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("cancelled", problem.Str("current_status"));
        await (await CallTaker.CommandAsync(ticket, "cancel", new { reason = "lagi" })).AssertProblem(HttpStatusCode.Conflict);

        var closed = await CallTaker.CreateFireAsync();
        foreach (var (client, command) in new[] { (CallTaker, "escalate"), (Opd("damkar"), "acknowledge"), (Opd("damkar"), "on-scene"), (Opd("damkar"), "resolve"), (CallTaker, "close") })
            await client.CommandAsync(closed, command, command == "escalate" ? new { } : new { note = "ok" }).OkAsync();
        var refused = await (await CallTaker.CommandAsync(closed, "cancel", new { reason = "terlambat" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal("closed", refused.Str("current_status"));
    }

    [Fact]
    public async Task An_OPD_rejects_and_the_call_taker_reroutes_to_another_OPD()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();

        var noReason = await (await Opd("damkar").CommandAsync(ticket, "reject", new { })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noReason.FieldErrors("reason"));
        await (await Supervisor.CommandAsync(ticket, "reject", new { reason = "x" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await Opd("dinkes").CommandAsync(ticket, "reject", new { reason = "x" })).AssertProblem(HttpStatusCode.Forbidden);

        var rejected = await Opd("damkar").CommandAsync(ticket, "reject", new { reason = "Bukan kebakaran, pohon tumbang" }).OkAsync();
        Assert.Equal("open", rejected.Str("status"));
        Assert.Equal(JsonValueKind.Null, rejected.GetProperty("deadlines").ValueKind);

        var rerouted = await CallTaker.CommandAsync(ticket, "escalate", new { opd = "bpbd" }).OkAsync();
        Assert.Equal("escalated", rerouted.Str("status"));
        Assert.Equal("bpbd", rerouted.Str("opd"));
        Assert.Equal(2, rerouted.GetProperty("escalation_level").GetInt32());
        await (await Opd("damkar").GetAsync($"/api/v1/tickets/{ticket.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal("acknowledged", (await Opd("bpbd").CommandAsync(ticket, "acknowledge").OkAsync()).Str("status"));

        var kinds = (await (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline")).AssertJson(HttpStatusCode.OK))
            .EnumerateArray().Select(e => e.Str("kind")).ToArray();
        Assert.Equal(["created", "escalated", "rejected", "escalated", "acknowledged"], kinds);
    }

    [Fact]
    public async Task Escalating_to_an_unknown_OPD_is_a_400_naming_opd()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var problem = await (await CallTaker.CommandAsync(ticket, "escalate", new { opd = "nosuchopd" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("opd"));
        Assert.Equal(1, (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}").OkAsync()).Version());
    }

    [Fact]
    public async Task An_acknowledged_ticket_can_be_reescalated_and_a_resolved_one_reopened()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        await Opd("damkar").CommandAsync(ticket, "acknowledge").OkAsync();
        var again = await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        Assert.Equal("escalated", again.Str("status"));
        Assert.Equal(JsonValueKind.Null, again.GetProperty("acknowledged_at").ValueKind);
        Assert.Equal(2, again.GetProperty("escalation_level").GetInt32());

        await Opd("damkar").CommandAsync(ticket, "acknowledge").OkAsync();
        await Opd("damkar").CommandAsync(ticket, "on-scene").OkAsync();
        await Opd("damkar").CommandAsync(ticket, "resolve", new { note = "selesai" }).OkAsync();
        var noReason = await (await CallTaker.CommandAsync(ticket, "reopen", new { })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(noReason.FieldErrors("reason"));
        var reopened = await CallTaker.CommandAsync(ticket, "reopen", new { reason = "Api menyala lagi" }).OkAsync();
        Assert.Equal("escalated", reopened.Str("status"));
        Assert.Equal(3, reopened.GetProperty("escalation_level").GetInt32());
    }

    [Fact]
    public async Task Resolving_needs_a_note()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        await Opd("damkar").CommandAsync(ticket, "acknowledge").OkAsync();
        await Opd("damkar").CommandAsync(ticket, "on-scene").OkAsync();
        var problem = await (await Opd("damkar").CommandAsync(ticket, "resolve", new { note = "  " })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("note"));
    }

    [Fact]
    public async Task Notes_are_added_by_anyone_with_access_and_rise_the_version()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        var response = await Opd("dinkes").PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/notes", new { text = "Ambulans siaga" });
        var entry = await response.AssertJson(HttpStatusCode.Created);
        Assert.Equal("note", entry.Str("kind"));
        Assert.Equal("dinkes", entry.Str("opd"));
        Assert.Equal("Ambulans siaga", entry.Str("text"));
        Assert.Equal(3, (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}").OkAsync()).Version());

        await (await Opd("pupr").PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/notes", new { text = "x" })).AssertProblem(HttpStatusCode.NotFound);
        var empty = await (await CallTaker.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/notes", new { text = "" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(empty.FieldErrors("text"));
    }

    [Fact]
    public async Task Unknown_and_malformed_ticket_ids_are_404()
    {
        await (await Supervisor.GetAsync($"/api/v1/tickets/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Supervisor.GetAsync("/api/v1/tickets/not-a-ticket")).AssertProblem(HttpStatusCode.NotFound);
        await (await CallTaker.CommandAsync(Guid.NewGuid().ToString(), "escalate")).AssertProblem(HttpStatusCode.NotFound);
    }
}
