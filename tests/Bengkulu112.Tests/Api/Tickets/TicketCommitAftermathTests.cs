using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>
/// What a ticket command leaves in storage beside the ticket's row: the durable reminder that backs its deadlines
/// (there when the answer comes, gone soon after the last deadline) and the note that the OPD streams heard the
/// change (soon after the answer).
/// </summary>
public sealed class TicketCommitAftermathTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Damkar => fixture.ClientAs("opd", "damkar");

    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_reminder_is_stored_when_escalate_answers_and_removed_after_resolve()
    {
        var ticket = await CallTaker.CreateFireAsync();
        Assert.Equal(0, await Reminders(ticket.Id()));

        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        Assert.Equal(1, await Reminders(ticket.Id())); // a 200 means the deadlines survive the silo
        await Damkar.CommandAsync(ticket, "acknowledge").OkAsync();
        await Damkar.CommandAsync(ticket, "on-scene").OkAsync();
        Assert.Equal(1, await Reminders(ticket.Id()));

        var resolved = await Damkar.CommandAsync(ticket, "resolve", new { note = "Api padam" }).OkAsync();
        await Eventually.Within(Soon, () => Reminders(ticket.Id()), count => count == 0);
        await Eventually.Within(Soon, () => PublishedVersion(ticket.Id()), version => version == resolved.Version());
    }

    [Fact]
    public async Task A_ticket_reopened_right_after_resolve_keeps_its_reminder()
    {
        var ticket = await ResolvedAsync();
        // The resolve's reminder removal may still be under way: the reopen's registration must not be lost to it.
        var reopened = await CallTaker.CommandAsync(ticket, "reopen", new { reason = "Api menyala lagi" }).OkAsync();
        Assert.Equal("escalated", reopened.Str("status"));

        Assert.Equal(1, await Reminders(ticket.Id()));
        await Eventually.Within(Soon, () => PublishedVersion(ticket.Id()), version => version == reopened.Version());
        Assert.Equal(1, await Reminders(ticket.Id()));
    }

    [Fact]
    public async Task Every_version_of_a_full_lifecycle_is_noted_as_heard_by_the_streams()
    {
        var ticket = await ResolvedAsync();
        var closed = await CallTaker.CommandAsync(ticket, "close").OkAsync();

        await Eventually.Within(Soon, () => PublishedVersion(ticket.Id()), version => version == closed.Version());
        Assert.Equal(0, await Reminders(ticket.Id()));
    }

    /// <summary>A fire ticket taken through every step up to resolved.</summary>
    private async Task<System.Text.Json.JsonElement> ResolvedAsync()
    {
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        foreach (var step in new[] { "acknowledge", "on-scene" })
            await Damkar.CommandAsync(ticket, step).OkAsync();
        await Damkar.CommandAsync(ticket, "resolve", new { note = "selesai" }).OkAsync();
        return ticket;
    }

    /// <summary>The clock reminders stored for the ticket's grain.</summary>
    private async Task<long> Reminders(string ticketId)
    {
        var id = Guid.Parse(ticketId);
        return await Scalar<long>("""
            SELECT count(*) FROM orleansreminderstable
            WHERE remindername = 'clock' AND (grainid LIKE '%' || $1 || '%' OR grainid LIKE '%' || $2 || '%')
            """, id.ToString("N"), id.ToString("D"));
    }

    private Task<int> PublishedVersion(string ticketId) =>
        Scalar<int>("SELECT published_version FROM tickets WHERE id = $1", Guid.Parse(ticketId));

    private async Task<T> Scalar<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
