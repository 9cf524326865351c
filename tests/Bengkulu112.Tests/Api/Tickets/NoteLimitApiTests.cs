using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>Silos with small note limits: 8 notes per ticket, 3 per person per minute.</summary>
public sealed class NoteLimitFixture : ApiFixture
{
    public const int PerTicket = 8, PerPerson = 3;

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<NoteLimitOptions>(o => (o.MaxPerTicket, o.MaxPerPersonPerMinute) = (PerTicket, PerPerson));
}

/// <summary>Notes are limited per ticket (409) and per person per minute (429 with Retry-After); commands never are.</summary>
public sealed class NoteLimitApiTests(NoteLimitFixture fixture) : IClassFixture<NoteLimitFixture>
{
    [Fact]
    public async Task A_person_over_the_minute_limit_gets_429_with_retry_after_while_others_and_commands_go_on()
    {
        var calltaker = fixture.ClientAs("calltaker");
        var one = await calltaker.CreateFireAsync();
        var two = await calltaker.CreateFireAsync();
        var (name, siti) = Person("calltaker");
        for (var i = 0; i < NoteLimitFixture.PerPerson; i++)
            await (await Note(siti, i % 2 == 0 ? one : two, $"note {i}")).AssertJson(HttpStatusCode.Created);

        var refused = await Note(siti, two, "one too many");
        var problem = await refused.AssertProblem(HttpStatusCode.TooManyRequests);
        Assert.EndsWith("too-many-notes", problem.Str("type"));
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Equal(1 + 1, await EntryCount(two)); // created + note 1: the refused note wrote nothing

        // Someone else may still write, and the limited person's status changes are never refused.
        await (await Note(Person("calltaker").Client, two, "from a colleague")).AssertJson(HttpStatusCode.Created);
        await siti.CommandAsync(two, "escalate").OkAsync();
        await siti.CommandAsync(two, "cancel", new { reason = "duplicate" }).OkAsync();

        // A minute later (the person's notes aged by a minute in the store) they may write again.
        await Execute($"UPDATE ticket_timeline SET at = at - interval '61 seconds' WHERE actor = '{name}'");
        await (await Note(siti, one, "a minute later")).AssertJson(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_ticket_holding_the_most_notes_refuses_another_with_409_but_takes_commands_and_repeats()
    {
        var calltaker = fixture.ClientAs("calltaker");
        var ticket = await calltaker.CreateFireAsync();
        var (_, first) = Person("calltaker");
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/notes") { Content = JsonContent.Create(new { text = "keyed" }) })
        {
            keyed.Headers.Add("Idempotency-Key", "n-1");
            await (await first.SendAsync(keyed)).AssertJson(HttpStatusCode.Created);
        }
        for (var written = 1; written < NoteLimitFixture.PerTicket;)
        {
            var (_, client) = Person("supervisor");
            for (var i = 0; i < NoteLimitFixture.PerPerson && written < NoteLimitFixture.PerTicket; i++, written++)
                await (await Note(client, ticket, $"note {written}")).AssertJson(HttpStatusCode.Created);
        }

        var problem = await (await Note(Person("supervisor").Client, ticket, "the ninth")).AssertProblem(HttpStatusCode.Conflict);
        Assert.EndsWith("note-limit-reached", problem.Str("type"));
        Assert.Equal(NoteLimitFixture.PerTicket, problem.GetProperty("max_notes").GetInt32());

        using (var repeat = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tickets/{ticket.Id()}/notes") { Content = JsonContent.Create(new { text = "keyed" }) })
        {
            repeat.Headers.Add("Idempotency-Key", "n-1");
            Assert.Equal("keyed", (await (await first.SendAsync(repeat)).AssertJson(HttpStatusCode.Created)).Str("text"));
        }
        await calltaker.CommandAsync(ticket, "escalate").OkAsync();
        await fixture.ClientAs("opd", "damkar").CommandAsync(ticket, "acknowledge", new { note = "on our way" }).OkAsync();
        Assert.Equal(1 + NoteLimitFixture.PerTicket + 2, await EntryCount(ticket));
    }

    private (string Name, HttpClient Client) Person(string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..24];
        var client = fixture.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens.ForSubject(name, role));
        return (name, client);
    }

    private static Task<HttpResponseMessage> Note(HttpClient client, System.Text.Json.JsonElement ticket, string text) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{ticket.Id()}/notes", new { text });

    /// <summary>Every entry of the ticket's timeline (notes and changes).</summary>
    private async Task<int> EntryCount(System.Text.Json.JsonElement ticket) =>
        (await (await fixture.ClientAs("supervisor").GetAsync($"/api/v1/tickets/{ticket.Id()}/timeline")).AssertJson(HttpStatusCode.OK))
        .GetArrayLength();

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
