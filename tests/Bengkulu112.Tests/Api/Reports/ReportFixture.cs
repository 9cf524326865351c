using System.Net;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Reports;

/// <summary>
/// The fixed data set of the report tests, in three periods that do not meet:
/// March 2023 (calls recorded and classified through the API, with their `received_at` set), 1 June 2023 (thirteen
/// prank callers, for the top-10 limit) and the year 2022 (ticket rows inserted directly into `tickets`, because the API
/// dates every ticket step by the server's clock and the percentiles need known times).
/// </summary>
public sealed class ReportFixture : ApiFixture, IAsyncLifetime
{
    public const string A = "081211110001", B = "081211110002", C = "081211110003";

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var calls = ClientAs("calltaker");

        // March 2023 (WIB). The first and the last two test the day boundaries in WIB rather than UTC.
        await Call(calls, A, "2023-03-01T01:00:00+07:00", "prank");          // 28 Feb 18:00 UTC: in
        await Call(calls, A, "2023-03-03T20:00:00+07:00", "prank");
        await Call(calls, A, "2023-03-05T21:00:00+07:00", "prank");
        await Call(calls, B, "2023-03-02T19:00:00+07:00", "prank");
        await Call(calls, B, "2023-03-09T22:00:00+07:00", "prank");
        await Call(calls, C, "2023-03-04T10:00:00+07:00", "prank");
        await Call(calls, C, "2023-03-04T11:00:00+07:00", "silent");
        await Call(calls, "081211110004", "2023-03-06T09:00:00+07:00", "wrong_number");
        await Call(calls, "081211110005", "2023-03-07T08:00:00+07:00", "abandoned");
        await Call(calls, "081211110006", "2023-03-08T12:00:00+07:00", "non_emergency");
        var fire = await Call(calls, "081211110007", "2023-03-08T19:00:00+07:00", null);
        await Emergency(calls, fire, new { classification = "emergency", ticket = Ticket("fire") });
        var snake = await Call(calls, "081211110008", "2023-03-09T06:00:00+07:00", null);
        await Emergency(calls, snake, new { classification = "emergency", ticket = Ticket("animal") });
        var sameFire = await Call(calls, "081211110009", "2023-03-08T19:05:00+07:00", null);
        await Emergency(calls, sameFire, new { classification = "emergency", link_ticket_id = fire });
        await Call(calls, "081211110010", "2023-03-10T23:30:00+07:00", null); // 16:30 UTC, never classified: in
        await Call(calls, A, "2023-02-28T23:59:59+07:00", "prank");          // the day before: out
        await Call(calls, B, "2023-03-11T00:30:00+07:00", "prank");          // 10 Mar 17:30 UTC, but 11 Mar in WIB: out

        // 1 June 2023: one number with two pranks, twelve with one each.
        await Call(calls, "081222220099", "2023-06-01T08:00:00+07:00", "prank");
        await Call(calls, "081222220099", "2023-06-01T09:00:00+07:00", "prank");
        for (var i = 12; i >= 1; i--)
            await Call(calls, $"0812222200{i:00}", "2023-06-01T10:00:00+07:00", "prank");

        // 2022: tickets with known step times (seconds after escalation at 10:00 UTC).
        await InsertTicket("damkar", "2022-05-01T10:00:00Z", ack: 10, onScene: 300, resolve: 3600);
        await InsertTicket("damkar", "2022-05-02T10:00:00Z", ack: 20, onScene: 600);
        await InsertTicket("damkar", "2022-06-01T10:00:00Z", ack: 30, breach: "on_scene");
        await InsertTicket("damkar", "2022-07-01T10:00:00Z", ack: 100);
        await InsertTicket("damkar", "2022-08-01T10:00:00Z", breach: "acknowledge");        // never acknowledged
        await InsertTicket("bpbd", "2022-09-01T10:00:00Z", escalated: false);              // never escalated
        await InsertTicket(null, "2022-09-02T10:00:00Z", escalated: false);                // no OPD: not in per_opd
        await InsertTicket("damkar", "2021-12-31T16:59:59Z", ack: 1);                      // 2021 in WIB: out
        await InsertTicket("damkar", "2022-12-31T17:00:00Z", ack: 1);                      // 2023 in WIB: out
    }

    private static object Ticket(string category) => new
    {
        category,
        description = "report test " + category,
        location = new { address = "Jl. Suprapto No. 12" },
    };

    private static async Task<string> Call(HttpClient client, string number, string receivedAt, string? classification)
    {
        var call = await client.RecordCall(new { caller_number = number, received_at = receivedAt });
        if (classification is not null)
            await client.ClassifyAs(call.Id(), classification);
        return call.Id();
    }

    private static async Task Emergency(HttpClient client, string callId, object body) =>
        await (await client.Classify(callId, body)).AssertJson(HttpStatusCode.OK);

    private int inserted;

    private async Task InsertTicket(string? opd, string escalatedAt, bool escalated = true, int? ack = null,
        int? onScene = null, int? resolve = null, string? breach = null)
    {
        var at = DateTimeOffset.Parse(escalatedAt, System.Globalization.CultureInfo.InvariantCulture);
        string? After(int? seconds) => seconds is { } s ? at.AddSeconds(s).ToString("O") : null;
        var state = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["escalated_at"] = escalated ? at.ToString("O") : null,
            ["acknowledged_at"] = After(ack),
            ["on_scene_at"] = After(onScene),
            ["resolved_at"] = After(resolve),
            ["breaches"] = breach is null ? Array.Empty<object>() : new object[] { new { deadline = breach, breached_at = After(3600) } },
        });
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO tickets (id, number, version, state, status, category, priority, opd, supporting_opds, description,
                                 created_at, updated_at, published_version, escalated_at, acknowledged_at, on_scene_at,
                                 resolved_at, breach_count)
            VALUES (gen_random_uuid(), $1, 1, $2::jsonb, 'closed', 'fire', 'P1', $3, '{}', 'inserted by a report test', $4, $4, 1,
                    $5, $6, $7, $8, $9)
            """, connection);
        command.Parameters.AddWithValue($"BKL-1999-{++inserted:000000}");
        command.Parameters.AddWithValue(state);
        command.Parameters.AddWithValue((object?)opd ?? DBNull.Value);
        command.Parameters.AddWithValue(at);
        // The columns reports read (migration 0009), as the ticket store writes them beside the state.
        object Time(int? seconds) => seconds is { } s ? at.AddSeconds(s) : DBNull.Value;
        command.Parameters.AddWithValue(escalated ? at : (object)DBNull.Value);
        command.Parameters.AddWithValue(Time(ack));
        command.Parameters.AddWithValue(Time(onScene));
        command.Parameters.AddWithValue(Time(resolve));
        command.Parameters.AddWithValue(breach is null ? 0 : 1);
        await command.ExecuteNonQueryAsync();
    }
}
