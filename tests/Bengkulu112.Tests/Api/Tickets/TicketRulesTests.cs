using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>Validation, blood requests, OPD scoping, idempotency, ETag and concurrency of tickets.</summary>
public sealed class TicketRulesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");
    private HttpClient Opd(string code) => fixture.ClientAs("opd", code);

    [Fact]
    public async Task Every_invalid_field_is_named_and_nothing_is_created()
    {
        var before = await Supervisor.GetAsync("/api/v1/tickets?limit=500").OkAsync();
        var problem = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", new
        {
            category = "volcano",
            description = "",
            location = new { address = "", lat = 91.0, lon = 102.0 },
            priority = "P1",
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("category"));
        Assert.NotEmpty(problem.FieldErrors("description"));
        Assert.NotEmpty(problem.FieldErrors("location.address"));
        Assert.NotEmpty(problem.FieldErrors("location.lat"));

        var missing = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", new { category = "fire", description = "x" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("location"));

        var badPriority = await (await CallTaker.PostAsync("/api/v1/tickets",
            new StringContent("""{"category":"fire","description":"x","location":{"address":"a"},"priority":"P9"}""",
                System.Text.Encoding.UTF8, "application/json"))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["must be one of P1, P2, P3"], badPriority.FieldErrors("priority"));

        var after = await Supervisor.GetAsync("/api/v1/tickets?limit=500").OkAsync();
        Assert.Equal(before.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_misspelt_field_is_a_400_naming_it_rather_than_being_dropped()
    {
        var problem = await (await CallTaker.PostAsync("/api/v1/tickets", new StringContent(
            """{"category":"fire","descripton":"Api besar","location":{"address":"Jl. Salak"}}""",
            System.Text.Encoding.UTF8, "application/json"))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal(["is not a field of this request"], problem.FieldErrors("descripton"));
    }

    [Fact]
    public async Task An_other_ticket_needs_an_OPD_chosen_by_the_call_taker_and_it_must_exist()
    {
        var body = new { category = "other", description = "Kucing di atas tiang listrik", location = new { address = "Jl. Salak" } };
        var problem = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", body)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("opd"));

        var unknown = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", new { body.category, body.description, body.location, opd = "nosuch" }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknown.FieldErrors("opd"));

        var ticket = await CallTaker.CreateAsync(new { body.category, body.description, body.location, opd = "damkar" });
        Assert.Equal("damkar", ticket.Str("opd"));
        Assert.Equal("P3", ticket.Str("priority"));
    }

    [Fact]
    public async Task A_blood_request_carries_group_units_and_hospital_and_goes_to_PMI()
    {
        var ticket = await CallTaker.CreateAsync(new
        {
            category = "blood",
            description = "Pasien pendarahan butuh darah segera",
            location = new { address = "RSUD M. Yunus, Jl. Bhayangkara" },
            blood = new { group = "O-", units = 3, hospital = "RSUD Dr. M. Yunus" },
        });
        Assert.Equal("pmi", ticket.Str("opd"));
        Assert.Equal("P1", ticket.Str("priority"));
        var blood = ticket.GetProperty("blood");
        Assert.Equal("O-", blood.Str("group"));
        Assert.Equal(3, blood.GetProperty("units").GetInt32());
        Assert.Equal("RSUD Dr. M. Yunus", blood.Str("hospital"));
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        Assert.Equal("acknowledged", (await Opd("pmi").CommandAsync(ticket, "acknowledge").OkAsync()).Str("status"));

        var missing = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", new { category = "blood", description = "x", location = new { address = "a" } }))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(missing.FieldErrors("blood"));
        var bad = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", new
        {
            category = "blood", description = "x", location = new { address = "a" },
            blood = new { group = "C+", units = 0, hospital = "" },
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("blood.group"));
        Assert.NotEmpty(bad.FieldErrors("blood.units"));
        Assert.NotEmpty(bad.FieldErrors("blood.hospital"));
        var misplaced = await (await CallTaker.PostAsJsonAsync("/api/v1/tickets", new
        {
            category = "fire", description = "x", location = new { address = "a" },
            blood = new { group = "A+", units = 1, hospital = "RS" },
        })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(misplaced.FieldErrors("blood"));
    }

    [Fact]
    public async Task OPD_users_see_and_act_only_on_their_tickets()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();

        await (await Opd("dishub").GetAsync($"/api/v1/tickets/{ticket.Id()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Opd("dishub").GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline")).AssertProblem(HttpStatusCode.NotFound);
        await (await Opd("dishub").CommandAsync(ticket, "acknowledge")).AssertProblem(HttpStatusCode.NotFound);
        var dishubList = await Opd("dishub").GetAsync("/api/v1/tickets?limit=500").OkAsync();
        Assert.DoesNotContain(ticket.Id(), dishubList.GetProperty("items").EnumerateArray().Select(t => t.Id()));

        // A supporting OPD sees the ticket but only the primary OPD moves it.
        await Opd("dinkes").GetAsync($"/api/v1/tickets/{ticket.Id()}").OkAsync();
        await (await Opd("dinkes").CommandAsync(ticket, "acknowledge")).AssertProblem(HttpStatusCode.Forbidden);
        var damkarList = await Opd("damkar").GetAsync("/api/v1/tickets?limit=500").OkAsync();
        Assert.Contains(ticket.Id(), damkarList.GetProperty("items").EnumerateArray().Select(t => t.Id()));

        await (await Opd("damkar").PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody())).AssertProblem(HttpStatusCode.Forbidden);
        await (await Opd("damkar").CommandAsync(ticket, "escalate")).AssertProblem(HttpStatusCode.Forbidden);
        await (await Opd("damkar").CommandAsync(ticket, "cancel", new { reason = "x" })).AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs("admin").CommandAsync(ticket, "acknowledge")).AssertProblem(HttpStatusCode.Forbidden);
        await (await fixture.ClientAs(null).GetAsync($"/api/v1/tickets/{ticket.Id()}")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_Idempotency_Key_replay_returns_the_first_ticket_and_another_body_is_422()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> Post(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await CallTaker.SendAsync(request);
        }

        var first = await (await Post(TicketRequests.FireBody())).AssertJson(HttpStatusCode.Created);
        var replay = await (await Post(TicketRequests.FireBody())).AssertJson(HttpStatusCode.Created);
        Assert.Equal(first.Id(), replay.Id());
        Assert.Equal(first.Str("number"), replay.Str("number"));
        await (await Post(TicketRequests.FireBody("Another fire"))).AssertProblem(HttpStatusCode.UnprocessableEntity);

        // The same key from another user is another request.
        using var other = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets") { Content = JsonContent.Create(TicketRequests.FireBody()) };
        other.Headers.Add("Idempotency-Key", key);
        var theirs = await (await Supervisor.SendAsync(other)).AssertJson(HttpStatusCode.Created);
        Assert.NotEqual(first.Id(), theirs.Id());
    }

    [Fact]
    public async Task A_note_with_an_Idempotency_Key_is_added_once()
    {
        var ticket = await CallTaker.CreateFireAsync();
        async Task<HttpResponseMessage> Note(string text)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/notes") { Content = JsonContent.Create(new { text }) };
            request.Headers.Add("Idempotency-Key", "note-1");
            return await CallTaker.SendAsync(request);
        }
        var first = await (await Note("Pelapor menelepon lagi")).AssertJson(HttpStatusCode.Created);
        var again = await (await Note("Pelapor menelepon lagi")).AssertJson(HttpStatusCode.Created);
        Assert.Equal(first.Str("at"), again.Str("at"));
        await (await Note("Teks lain")).AssertProblem(HttpStatusCode.UnprocessableEntity);
        var timeline = await (await CallTaker.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline")).AssertJson(HttpStatusCode.OK);
        Assert.Single(timeline.EnumerateArray(), e => e.Str("kind") == "note");
    }

    [Fact]
    public async Task If_Match_with_a_stale_ETag_is_412_and_changes_nothing()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var get = await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}");
        Assert.Equal("\"1\"", get.Headers.ETag?.ToString());
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/cancel") { Content = JsonContent.Create(new { reason = "x" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await (await CallTaker.SendAsync(stale)).AssertProblem(HttpStatusCode.PreconditionFailed);
        Assert.Equal("escalated", (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}").OkAsync()).Str("status"));

        using var fresh = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/cancel") { Content = JsonContent.Create(new { reason = "x" }) };
        fresh.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));
        var response = await CallTaker.SendAsync(fresh);
        Assert.Equal("cancelled", (await response.AssertJson(HttpStatusCode.OK)).Str("status"));
        Assert.Equal("\"3\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Sixty_four_concurrent_acknowledgements_give_one_200_and_63_409()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var version = (await CallTaker.CommandAsync(ticket, "escalate").OkAsync()).Version();
        var clients = Enumerable.Range(0, 4).Select(_ => Opd("damkar")).ToArray();

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => clients[i % clients.Length].CommandAsync(ticket, "acknowledge")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(63, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("acknowledged", (await refused.AssertProblem(HttpStatusCode.Conflict)).Str("current_status"));
        var after = await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}").OkAsync();
        Assert.Equal(version + 1, after.Version());
        var timeline = await (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline")).AssertJson(HttpStatusCode.OK);
        Assert.Single(timeline.EnumerateArray(), e => e.Str("kind") == "acknowledged");
    }

    [Fact]
    public async Task A_write_that_meets_another_nodes_write_is_a_409_storing_nothing_and_the_retry_succeeds()
    {
        var ticket = await CallTaker.CreateFireAsync();
        // Another activation of this ticket (a node that was presumed dead) stored version 2 meanwhile.
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.ConnectionString))
        {
            await connection.OpenAsync();
            await using var bump = new Npgsql.NpgsqlCommand(
                "UPDATE tickets SET version = 2, state = jsonb_set(state, '{version}', '2') WHERE id = $1", connection)
            {
                Parameters = { new() { Value = Guid.Parse(ticket.Id()) } },
            };
            Assert.Equal(1, await bump.ExecuteNonQueryAsync());
        }

        var refused = await (await Supervisor.CommandAsync(ticket, "escalate")).AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("nothing was stored", refused.GetProperty("detail").GetString());
        var unchanged = await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline").OkAsync();
        Assert.Equal(["created"], unchanged.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));

        var escalated = await Supervisor.CommandAsync(ticket, "escalate").OkAsync();
        Assert.Equal(("escalated", 3), (escalated.Str("status"), escalated.Version()));
    }
}
