using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>`GET /tickets/{id}/timeline` paged with `limit` and `cursor`, and the unpaged form existing clients read.</summary>
public sealed class TimelineApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");

    [Fact]
    public async Task Paging_through_a_long_timeline_gives_every_entry_exactly_once_in_order()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        var expected = new List<string?> { null, null };
        // 12 people, 10 notes each: the most one person may write in a minute.
        for (var person = 0; person < 12; person++)
        {
            var client = Person($"pager-{person}-{Guid.NewGuid():N}"[..20]);
            for (var i = 0; i < 10; i++)
            {
                var text = $"note {person}.{i}";
                await (await client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/notes", new { text })).AssertJson(HttpStatusCode.Created);
                expected.Add(text);
            }
        }

        var seen = new List<JsonElement>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? "?limit=50" : $"?limit=50&cursor={cursor}";
            var page = await (await CallTaker.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline{query}")).AssertJson(HttpStatusCode.OK);
            var items = page.GetProperty("items").EnumerateArray().ToList();
            sizes.Add(items.Count);
            seen.AddRange(items);
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([50, 50, 22], sizes);
        Assert.Equal(expected, seen.Select(e => e.GetProperty("text").GetString()));
        Assert.Equal(["created", "escalated", .. Enumerable.Repeat("note", 120)], seen.Select(e => e.Str("kind")));
        var times = seen.Select(e => DateTimeOffset.Parse(e.Str("at"))).ToList();
        Assert.Equal(times.Order(), times);

        // The unpaged form answers the first page (here: all of it) as the plain array it always was.
        var unpaged = await CallTaker.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline");
        var all = await unpaged.AssertJson(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, all.ValueKind);
        Assert.Equal(expected, all.EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        Assert.False(unpaged.Headers.Contains("Link"));
    }

    [Fact]
    public async Task A_full_ticket_refuses_its_501st_note_and_the_unpaged_form_links_to_what_follows_its_first_500_entries()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var notes = $"/api/v1/tickets/{ticket.Id()}/notes";
        for (var person = 0; person < 50; person++)
        {
            var client = Person($"full-{person}-{Guid.NewGuid():N}"[..18]);
            for (var i = 0; i < 10; i++)
                await (await client.PostAsJsonAsync(notes, new { text = $"{person}.{i}" })).AssertJson(HttpStatusCode.Created);
        }
        var refused = await (await Person("full-last").PostAsJsonAsync(notes, new { text = "one more" })).AssertProblem(HttpStatusCode.Conflict);
        Assert.EndsWith("note-limit-reached", refused.Str("type"));
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync(); // entry 502: status changes are never limited

        var first = await CallTaker.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline");
        Assert.Equal(500, (await first.AssertJson(HttpStatusCode.OK)).GetArrayLength());
        var link = Assert.Single(first.Headers.GetValues("Link"));
        var next = System.Text.RegularExpressions.Regex.Match(link, "^<(?<url>[^>]+)>; rel=\"next\"$").Groups["url"].Value;
        var rest = await (await CallTaker.GetAsync(next)).AssertJson(HttpStatusCode.OK);
        Assert.Equal(["49.9", null], rest.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next_cursor").ValueKind);
    }

    [Fact]
    public async Task A_bad_limit_or_cursor_is_refused_naming_it_and_another_opds_ticket_stays_hidden()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var timeline = $"/api/v1/tickets/{ticket.Id()}/timeline";

        Assert.NotEmpty((await (await CallTaker.GetAsync(timeline + "?limit=0")).AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("limit"));
        Assert.NotEmpty((await (await CallTaker.GetAsync(timeline + "?limit=501")).AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("limit"));
        Assert.NotEmpty((await (await CallTaker.GetAsync(timeline + "?cursor=bm90LWEtY3Vyc29y")).AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("cursor"));

        var one = await (await CallTaker.GetAsync(timeline + "?limit=1")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("created", Assert.Single(one.GetProperty("items").EnumerateArray()).Str("kind"));
        Assert.Equal(JsonValueKind.Null, one.GetProperty("next_cursor").ValueKind);

        await (await fixture.ClientAs("opd", "pupr").GetAsync(timeline + "?limit=10")).AssertProblem(HttpStatusCode.NotFound);
        await (await fixture.ClientAs("opd", "damkar").GetAsync(timeline + "?limit=10")).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tickets_stored_state_no_longer_grows_with_its_notes()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var notes = $"/api/v1/tickets/{ticket.Id()}/notes";
        await (await CallTaker.PostAsJsonAsync(notes, new { text = "first" })).AssertJson(HttpStatusCode.Created);
        var before = await StateBytes(ticket.Id());

        for (var person = 0; person < 2; person++)
        {
            var client = Person($"grow-{person}-{Guid.NewGuid():N}"[..18]);
            for (var i = 0; i < 10; i++)
                await (await client.PostAsJsonAsync(notes, new { text = new string('x', 1000) })).AssertJson(HttpStatusCode.Created);
        }

        // 20 notes of 1,000 characters: the state changed only in its counters (a digit more at most).
        var after = await StateBytes(ticket.Id());
        Assert.InRange(after - before, 0, 8);
        Assert.Equal(22, (await (await CallTaker.GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline?limit=500")).AssertJson(HttpStatusCode.OK))
            .GetProperty("items").GetArrayLength());
    }

    private HttpClient Person(string subject)
    {
        var client = fixture.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens.ForSubject(subject, "calltaker"));
        return client;
    }

    private async Task<int> StateBytes(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT octet_length(state::text) FROM tickets WHERE id = '{id}'", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
