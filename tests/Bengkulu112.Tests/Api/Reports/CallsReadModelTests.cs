using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Reports;

/// <summary>The `calls` rows the call grains write for reports follow each call's intake and classification.</summary>
public sealed class CallsReadModelTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private sealed record Row(string CallerNumber, DateTimeOffset ReceivedAt, string Channel, string? Classification,
        DateTimeOffset? ClassifiedAt, Guid? TicketId, bool OpenedTicket, string CallTaker);

    private async Task<List<Row>> Rows(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT caller_number, received_at, channel, classification, classified_at, ticket_id, opened_ticket, call_taker
            FROM calls WHERE id = $1
            """, connection);
        command.Parameters.AddWithValue(Guid.Parse(id));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5), reader.GetBoolean(6), reader.GetString(7)));
        return rows;
    }

    [Fact]
    public async Task Recording_writes_the_row_and_classifying_an_emergency_completes_it()
    {
        var client = fixture.ClientAs("calltaker");
        var number = CallRequests.NewNumber();
        var call = await client.RecordCall(new { caller_number = number, received_at = "2024-02-01T19:30:00+07:00", channel = "sms" });

        var row = Assert.Single(await Rows(call.Id()));
        Assert.Equal(new Row(CallRequests.E164(number), DateTimeOffset.Parse("2024-02-01T12:30:00Z"), "sms", null, null,
            null, false, "test-calltaker"), row with { ReceivedAt = row.ReceivedAt.ToUniversalTime() });

        await (await client.Classify(call.Id(), new
        {
            classification = "emergency",
            ticket = new { category = "animal", description = "Ular kobra di dapur", location = new { address = "Jl. Bali No. 3" } },
        })).AssertJson(HttpStatusCode.OK);

        row = Assert.Single(await Rows(call.Id()));
        Assert.Equal("emergency", row.Classification);
        Assert.NotNull(row.ClassifiedAt);
        Assert.Equal(Guid.Parse(call.Id()), row.TicketId);
        Assert.True(row.OpenedTicket);
    }

    [Fact]
    public async Task A_replayed_recording_and_a_reclassification_leave_one_row_with_the_latest_classification()
    {
        var client = fixture.ClientAs("calltaker");
        var body = new { caller_number = CallRequests.NewNumber(), received_at = "2024-03-01T08:00:00Z" };
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/calls") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "read-model-replay");
            return request;
        }
        var first = await (await client.SendAsync(Request())).AssertJson(HttpStatusCode.Created);
        var again = await (await client.SendAsync(Request())).AssertJson(HttpStatusCode.Created);
        Assert.Equal(first.Id(), again.Id());

        await client.ClassifyAs(first.Id(), "silent");
        await fixture.ClientAs("supervisor").ClassifyAs(first.Id(), "prank");

        var row = Assert.Single(await Rows(first.Id()));
        Assert.Equal("prank", row.Classification);
        Assert.Null(row.TicketId);
    }
}
