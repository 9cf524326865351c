using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Imports;

/// <summary>
/// `POST /imports` with a file holding every kind of good and bad row (API.md "History import"), read back through the
/// import, the reports and the tickets; a second import of the same file imports nothing.
/// </summary>
public sealed class ImportApiTests(ImportFixture fixture) : IClassFixture<ImportFixture>
{
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    private const string Header =
        "received_at;caller_number;caller_id;channel;classification;category;description;address;kecamatan;opd;" +
        "escalated_at;acknowledged_at;on_scene_at;resolved_at;closed_at;cancelled_at;note";

    /// <summary>The rows, each with the field a refused one is refused for (null: accepted). Times without offset are WIB.</summary>
    private static readonly (string Row, string? Refused)[] Rows =
    [
        ("2021-05-01T10:00:00;081233330001;;voice;prank;;;;;;;;;;;;", null),
        ("2021-05-01T11:00:00;;withheld;voice;silent;;;;;;;;;;;;", null),
        ("2021-05-01 12:00;;unavailable;sms;abandoned;;;;;;;;;;;;", null),
        // A fire, acknowledged 3 min after escalation (P1 allows 2: one breach), the rest in time; closed.
        ("2021-05-02T19:00:00+07:00;081233330002;present;voice;emergency;fire;\"Rumah terbakar\n di belakang pasar; api besar\";" +
         "Jl. Suprapto 12;Teluk Segara;;2021-05-02T19:01:00;2021-05-02T19:04:00;2021-05-02T19:12:00;2021-05-02T20:00:00;" +
         "2021-05-02T20:30:00;;imported note", null),
        // A snake, everything in time (P2), resolved and not closed.
        ("2021-05-02T08:00:00;081233330003;;app;emergency;animal;Ular kobra;;;damkar;2021-05-02T08:00:30;2021-05-02T08:01:30;" +
         "2021-05-02T08:10:30;2021-05-02T09:00:30;;;", null),
        ("2021-05-02T09:00:00;081233330004;;voice;emergency;;;;;;;;;;;;", null),                    // no category: no ticket
        ("2021-05-02T10:00:00;081233330005;;voice;emergency;fire;Asap;;;;;;;;;2021-05-02T10:05:00;", null),  // cancelled
        // An accident escalated and never answered in the records: all three deadlines breached, no alert.
        ("2021-05-02T11:00:00;081233330006;;voice;emergency;accident;Tabrakan;;;;2021-05-02T11:01:30;;;;;;", null),
        ("2099-01-01T00:00:00;081233330007;;voice;prank;;;;;;;;;;;;", "received_at"),
        ("2021-05-03T10:00:00;081233330008;;voice;emergency;fire;x;;;;2021-05-03T10:05:00;2021-05-03T10:01:00;;;;;", "acknowledged_at"),
        ("2021-05-03T10:00:00;081233330009;;voice;emergency;volcano;x;;;;;;;;;;", "category"),
        ("2021-05-03T10:00:00;081233330010;;voice;emergency;fire;x;;;nasa;;;;;;;", "opd"),
        ("2021-05-01T10:00:00;081233330001;;voice;prank;;;;;;;;;;;;", "row"),                         // repeats the first row
        ("2021-05-03T10:00:00;12ab;;voice;prank;;;;;;;;;;;;", "caller_number"),
        ("2021-05-03T10:00:00;081233330011;withheld;voice;prank;;;;;;;;;;;;", "caller_id"),
        ("2021-05-03T10:00:00;081233330012;;voice;prank", "row"),                                       // too few fields
        ("2021-05-03T10:00:00;081233330013;;voice;joke;;;;;;;;;;;;", "classification"),
        ("2021-05-03T10:00:00;081233330014;;voice;emergency;fire;x;;;;;2021-05-03T10:03:00;;;;;", "acknowledged_at"),
        ("2021-05-03T10:00:00;081233330015;;voice;prank;fire;;;;;;;;;;;", "category"),
    ];

    private static byte[] File() => ImportRequests.Utf8WithBom(Header + "\r\n" + string.Join("\r\n", Rows.Select(r => r.Row)) + "\r\n");

    /// <summary>The first line of each row in the file (the header is line 1; a quoted line break makes a row two lines).</summary>
    private static int LineOf(int index) => 2 + Rows.Take(index).Sum(r => r.Row.Count(c => c == '\n') + 1);

    /// <summary>The file imported once for the class (the tests of a class run one after another).</summary>
    private Task<JsonElement> Imported() => fixture.Once("import", () => Supervisor.ImportAndWait(File()));

    [Fact]
    public async Task Every_good_row_is_imported_and_every_bad_row_is_listed_with_line_and_field()
    {
        var import = await Imported();

        Assert.Equal("done", import.GetProperty("status").GetString());
        Assert.Equal(Rows.Length, import.GetProperty("rows").GetInt32());
        Assert.Equal(8, import.GetProperty("imported").GetInt32() + import.GetProperty("already_present").GetInt32());
        Assert.Equal(11, import.GetProperty("refused").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, import.GetProperty("finished_at").ValueKind);
        Assert.Equal(64, import.GetProperty("file_sha256").GetString()!.Length);
        var errors = import.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToHashSet();
        for (var i = 0; i < Rows.Length; i++)
        {
            if (Rows[i].Refused is { } field)
                Assert.Contains((LineOf(i), field), errors);
            else
                Assert.DoesNotContain(errors, e => e.Item1 == LineOf(i));
        }
        var repeat = import.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("line").GetInt32() == LineOf(12));
        Assert.Equal($"repeats line {LineOf(0)}", repeat.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Imported_calls_and_tickets_count_in_the_summary_with_their_own_times()
    {
        await Imported();
        var report = await (await Supervisor.GetAsync("/api/v1/reports/summary?from=2021-05-01&to=2021-05-31")).AssertJson(HttpStatusCode.OK);

        var calls = report.GetProperty("calls");
        Assert.Equal(8, calls.GetProperty("total").GetInt64());
        Assert.Equal(5, calls.GetProperty("by_classification").GetProperty("emergency").GetInt64());
        var byCallerId = calls.GetProperty("by_caller_id");
        Assert.Equal((6L, 1L, 1L), (byCallerId.GetProperty("present").GetInt64(), byCallerId.GetProperty("withheld").GetInt64(),
            byCallerId.GetProperty("unavailable").GetInt64()));
        // 1 May 2021 was a Saturday: the prank at 10:00 WIB.
        Assert.Equal(1, calls.GetProperty("by_weekday_hour").GetProperty("saturday")[10].GetInt64());
        Assert.Equal(5, calls.GetProperty("by_weekday_hour").GetProperty("sunday").EnumerateArray().Sum(h => h.GetInt64()));

        var byCategory = report.GetProperty("emergencies").GetProperty("by_category");
        Assert.Equal((2L, 1L, 1L), (byCategory.GetProperty("fire").GetInt64(), byCategory.GetProperty("animal").GetInt64(),
            byCategory.GetProperty("accident").GetInt64()));

        var perOpd = report.GetProperty("per_opd").EnumerateArray().ToDictionary(o => o.GetProperty("opd").GetString()!);
        var damkar = perOpd["damkar"];
        Assert.Equal(3, damkar.GetProperty("tickets").GetInt64());           // fire, snake, cancelled fire
        Assert.Equal(2, damkar.GetProperty("escalated").GetInt64());
        Assert.Equal(120, damkar.GetProperty("ack_p50_s").GetDouble());       // of 180 and 60
        Assert.Equal(0.5, damkar.GetProperty("sla_met_share").GetDouble());  // the fire's late acknowledgement
        Assert.Equal(0, perOpd["polresta"].GetProperty("sla_met_share").GetDouble());

        var processing = report.GetProperty("emergency_processing");
        Assert.Equal(4, processing.GetProperty("calls").GetInt64());
        Assert.Equal(3, processing.GetProperty("escalated").GetInt64());
        Assert.Equal(60, processing.GetProperty("escalated_p50_s").GetDouble()); // of 30, 60, 90
        Assert.Equal(0.6667, processing.GetProperty("escalated_within_60s_share").GetDouble());
        Assert.Equal(JsonValueKind.Null, processing.GetProperty("classified_p50_s").ValueKind); // not in the records
    }

    [Fact]
    public async Task The_series_has_every_bucket_with_the_imported_figures()
    {
        await Imported();
        var series = await (await Supervisor.GetAsync("/api/v1/reports/series?from=2021-05-01&to=2021-05-03&bucket=day"))
            .AssertJson(HttpStatusCode.OK);

        Assert.Equal("day", series.GetProperty("bucket").GetString());
        Assert.Equal("Asia/Jakarta", series.GetProperty("time_zone").GetString());
        var items = series.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["2021-04-30T17:00:00Z", "2021-05-01T17:00:00Z", "2021-05-02T17:00:00Z"],
            items.Select(i => i.GetProperty("start").GetString()));
        Assert.Equal([3L, 5L, 0L], items.Select(i => i.GetProperty("calls").GetProperty("total").GetInt64()));
        Assert.Equal(4, items[1].GetProperty("tickets").GetInt64());
        Assert.Equal(3, items[1].GetProperty("escalated").GetInt64());
        Assert.Equal(0.3333, items[1].GetProperty("sla_met_share").GetDouble()); // only the snake met every deadline
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("sla_met_share").ValueKind);

        var year = await (await Supervisor.GetAsync("/api/v1/reports/series?from=2021-01-01&to=2021-12-31&bucket=month"))
            .AssertJson(HttpStatusCode.OK);
        var months = year.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(8, months[4].GetProperty("calls").GetProperty("total").GetInt64());
        Assert.Equal(5, months[4].GetProperty("emergencies").GetInt64());

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/series?from=2021-05-01&to=2021-05-03&bucket=day");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var lines = (await (await Supervisor.SendAsync(request)).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("start,calls,emergency,non_emergency,prank,silent,wrong_number,abandoned,emergencies,tickets,escalated,sla_met_share", lines[0]);
        Assert.Equal("2021-05-01T17:00:00Z,5,5,0,0,0,0,0,5,4,3,0.3333", lines[2]);
        Assert.Equal(4, lines.Length);

        var bad = await (await Supervisor.GetAsync("/api/v1/reports/series?from=2021-05-01&to=2021-05-03&bucket=hour"))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(bad.FieldErrors("bucket"));
    }

    [Fact]
    public async Task An_imported_ticket_reads_as_a_closed_ticket_and_raised_no_alert_event_or_feed_row()
    {
        await Imported();
        var closed = await Scalar<Guid>("SELECT id FROM tickets WHERE import_id IS NOT NULL AND status = 'closed'");
        var ticket = await (await Supervisor.GetAsync($"/api/v1/tickets/{closed}")).AssertJson(HttpStatusCode.OK);

        Assert.Equal("closed", ticket.GetProperty("status").GetString());
        Assert.Equal("damkar", ticket.GetProperty("opd").GetString());
        Assert.Equal("2021-05-02T12:00:00Z", ticket.GetProperty("created_at").GetString());
        Assert.Equal("2021-05-02T12:04:00Z", ticket.GetProperty("acknowledged_at").GetString());
        Assert.Equal("Rumah terbakar\n di belakang pasar; api besar", ticket.GetProperty("description").GetString());
        var breach = Assert.Single(ticket.GetProperty("breaches").EnumerateArray());
        Assert.Equal("acknowledge", breach.GetProperty("deadline").GetString());
        Assert.Equal("2021-05-02T12:03:00Z", breach.GetProperty("breached_at").GetString());
        var timeline = await (await Supervisor.GetAsync($"/api/v1/tickets/{closed}/timeline")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(["created", "escalated", "acknowledged", "on_scene", "resolved", "closed"],
            timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));

        // The accident was left escalated in the records: reading it wakes its grain, whose clock has nothing to do.
        var pending = await Scalar<Guid>("SELECT id FROM tickets WHERE import_id IS NOT NULL AND status = 'escalated'");
        var accident = await (await Supervisor.GetAsync($"/api/v1/tickets/{pending}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(3, accident.GetProperty("breaches").GetArrayLength());
        accident = await (await Supervisor.GetAsync($"/api/v1/tickets/{pending}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(1, accident.GetProperty("version").GetInt32());
        Assert.Equal(0, await Scalar<long>("""
            SELECT (SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.import_id IS NOT NULL)
                 + (SELECT count(*) FROM alerts a JOIN tickets t ON t.id = a.ticket_id WHERE t.import_id IS NOT NULL)
            """));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM tickets WHERE import_id IS NOT NULL AND published_version < version"));
    }

    [Fact]
    public async Task A_second_import_of_the_same_file_imports_nothing()
    {
        var first = await Imported();
        var again = await Supervisor.ImportAndWait(File());

        Assert.NotEqual(first.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(first.GetProperty("file_sha256").GetString(), again.GetProperty("file_sha256").GetString());
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(8, again.GetProperty("already_present").GetInt32());
        Assert.Equal(11, again.GetProperty("refused").GetInt32());
        Assert.Equal(8, await Scalar<long>("SELECT count(*) FROM calls WHERE import_id IS NOT NULL"));

        // The same rows written another way (commas, other column order, times with an offset) are the same rows.
        var reordered = "classification,received_at,caller_number\nprank,2021-05-01T03:00:00Z,+6281233330001\n";
        var other = await Supervisor.ImportAndWait(Encoding.UTF8.GetBytes(reordered));
        Assert.Equal((0, 1), (other.GetProperty("imported").GetInt32(), other.GetProperty("already_present").GetInt32()));

        var list = await (await Supervisor.GetAsync("/api/v1/imports?limit=2")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.NotEqual(JsonValueKind.Null, list.GetProperty("next_cursor").ValueKind);
    }

    [Theory]
    [InlineData("received_at;caller_number\n2021-05-01T10:00:00;081233330001\n", "classification")]
    [InlineData("caller_number,classification\n081233330001,prank\n", "received_at")]
    [InlineData("received_at,classification,kategori\n2021-05-01T10:00:00,prank,fire\n", "header")]
    [InlineData("received_at,classification,classification\n2021-05-01T10:00:00,prank,prank\n", "header")]
    [InlineData("", "file")]
    public async Task A_file_whose_header_is_wrong_is_a_400_naming_the_column(string file, string field)
    {
        var problem = await (await Supervisor.PostImport(Encoding.UTF8.GetBytes(file))).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task A_file_in_another_encoding_is_a_400_naming_the_file()
    {
        var latin1 = Encoding.Latin1.GetBytes("received_at,classification,description\n2021-05-01T10:00:00,prank,Jalan Sudirman é\n");
        var problem = await (await Supervisor.PostImport(latin1)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", problem.FieldErrors("file")[0]);

        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("received_at,classification\n")).ToArray();
        problem = await (await Supervisor.PostImport(utf16)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("UTF-16", problem.FieldErrors("file")[0]);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_a_413_and_another_media_type_a_415()
    {
        var big = new byte[50 * 1024 * 1024];
        var tooLarge = await (await Supervisor.PostImport(big)).AssertProblem(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("32 MiB", tooLarge.GetProperty("detail").GetString());

        await (await Supervisor.PostImport(Encoding.UTF8.GetBytes("received_at,classification\n"), "text/plain"))
            .AssertProblem(HttpStatusCode.UnsupportedMediaType);
        // Other routes keep their 64 KiB limit.
        var call = new StringContent(new string(' ', 70 * 1024) + "{}", Encoding.UTF8, "application/json");
        await (await fixture.ClientAs("calltaker").PostAsync("/api/v1/calls", call)).AssertProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task An_unknown_import_is_a_404()
    {
        await (await Supervisor.GetAsync($"/api/v1/imports/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await Supervisor.GetAsync("/api/v1/imports/not-an-id")).AssertProblem(HttpStatusCode.NotFound);
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
