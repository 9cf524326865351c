using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Reports;
using Bengkulu112.Imports;
using Bengkulu112.Routing;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>The pure rules of the history import and of report buckets, case by case.</summary>
public sealed class ImportRulesTests
{
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ImportContext Context = new(
        new HashSet<string> { "damkar", "polresta" },
        new Dictionary<string, RoutingRule>
        {
            ["fire"] = new("fire", Priority.P1, "damkar", ["dinkes"], SlaDeadlines.For(Priority.P1)),
            ["other"] = new("other", Priority.P3, null, [], SlaDeadlines.For(Priority.P3)),
        },
        Now, Wib);

    private static ImportCsvRow Row(params (string Column, string Value)[] fields) =>
        new(7, fields.ToDictionary(f => f.Column, f => (string?)f.Value), null);

    private static (string, string)[] Fire(params (string, string)[] times) =>
        [("received_at", "2024-03-05T19:40:00"), ("caller_number", "0812 3456 7890"), ("classification", "emergency"),
         ("category", "fire"), .. times];

    [Theory]
    [InlineData("2024-03-05T19:40:00", "2024-03-05T12:40:00Z")]
    [InlineData("2024-03-05 19:40", "2024-03-05T12:40:00Z")]
    [InlineData("2024-03-05T12:40:00Z", "2024-03-05T12:40:00Z")]
    [InlineData("2024-03-05T19:40:00+07:00", "2024-03-05T12:40:00Z")]
    [InlineData("2024-03-05T19:40:00.1234567", "2024-03-05T12:40:00.123456Z")]
    public void Times_without_an_offset_are_read_in_WIB_to_the_microsecond(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc), ImportRowRules.ParseTime(text, Wib));

    [Theory]
    [InlineData("05/03/2024 19:40")]
    [InlineData("2024-13-05T19:40:00")]
    [InlineData("yesterday")]
    [InlineData("19:40")]
    public void Other_notations_are_not_times(string text) => Assert.Null(ImportRowRules.ParseTime(text, Wib));

    [Fact]
    public void The_same_row_in_another_notation_has_the_same_key()
    {
        var (a, _) = ImportRowRules.Check(Row(Fire(("escalated_at", "2024-03-05T19:41:00"))), Context);
        var (b, _) = ImportRowRules.Check(Row(
            ("classification", "emergency"), ("category", "fire"), ("caller_number", "+6281234567890"),
            ("escalated_at", "2024-03-05T12:41:00Z"), ("received_at", "2024-03-05 19:40"), ("channel", "voice")), Context);
        Assert.NotNull(a);
        Assert.Equal(a!.Key, b!.Key);
        Assert.Equal(a.CallId, b.CallId);
        var (c, _) = ImportRowRules.Check(Row(Fire(("escalated_at", "2024-03-05T19:42:00"))), Context);
        Assert.NotEqual(a.Key, c!.Key);
    }

    [Theory]
    [InlineData("opd", "", "category=other needs an OPD")]
    [InlineData("cancelled_at", "2024-03-05T19:50:00", "closed and cancelled")]
    [InlineData("on_scene_at", "2024-03-05T19:39:00", "before the escalation")]
    public void Contradicting_fields_are_refused_naming_the_field(string field, string value, string why)
    {
        (string, string)[] fields = why.StartsWith("category=other", StringComparison.Ordinal)
            ? [("received_at", "2024-03-05T19:40:00"), ("caller_id", "unavailable"), ("classification", "emergency"), ("category", "other")]
            : Fire(("escalated_at", "2024-03-05T19:41:00"), ("closed_at", "2024-03-05T20:00:00"), (field, value));
        var (record, errors) = ImportRowRules.Check(Row(fields), Context);
        Assert.Null(record);
        Assert.Contains(errors, e => e.Field == field);
        Assert.All(errors, e => Assert.Equal(7, e.Line));
    }

    [Fact]
    public void Breaches_count_late_steps_and_steps_never_reached_while_waiting_but_not_moot_ones()
    {
        var at = new DateTimeOffset(2024, 3, 5, 12, 40, 0, TimeSpan.Zero);
        ImportRecord Record(int? ack, int? onScene, int? resolved, int? cancelled = null) => new(2, "k", at, null,
            Calls.CallerId.Withheld, Calls.Channel.Voice, Calls.Classification.Emergency, "fire", null, null, null, at,
            ack is { } a ? at.AddSeconds(a) : null, onScene is { } o ? at.AddSeconds(o) : null,
            resolved is { } r ? at.AddSeconds(r) : null, null, cancelled is { } c ? at.AddSeconds(c) : null, null);
        var deadlines = new TicketDeadlines(at.AddMinutes(2), at.AddMinutes(15), at.AddHours(4));
        string[] Steps(ImportRecord r) => [.. ImportedTicket.Breaches(r, deadlines, Now).Select(b => b.Deadline)];

        Assert.Empty(Steps(Record(60, 600, 3600)));
        Assert.Equal(["acknowledge"], Steps(Record(180, 600, 3600)));
        Assert.Empty(Steps(Record(null, 90, 3600)));                        // on scene before the ack deadline: moot
        Assert.Equal(["acknowledge"], Steps(Record(null, 600, 3600)));      // still waiting for it when it passed
        Assert.Equal(["acknowledge", "on_scene"], Steps(Record(null, 1000, 3600)));
        Assert.Empty(Steps(Record(null, null, null, cancelled: 60)));       // cancelled in time
        Assert.Equal(["acknowledge", "on_scene", "resolve"], Steps(Record(null, null, null))); // never answered
    }

    [Fact]
    public void An_imported_ticket_takes_its_status_from_the_latest_time_and_leaves_its_clock_nothing_to_do()
    {
        var (record, _) = ImportRowRules.Check(Row(Fire(("escalated_at", "2024-03-05T19:41:00"),
            ("acknowledged_at", "2024-03-05T19:45:00"))), Context);
        var ticket = ImportedTicket.Build(record!, Context.Routing["fire"], "BKL-2024-000001", Now);

        Assert.Equal(TicketStatus.Acknowledged, ticket.Status);
        Assert.Equal("damkar", ticket.Opd);
        Assert.Equal(["dinkes"], ticket.SupportingOpds);
        Assert.Equal(["acknowledge", "on_scene", "resolve"], ticket.Breaches.Select(b => b.Deadline));
        Assert.Null(TicketClock.NextDue(ticket));
        Assert.Empty(TicketClock.Due(ticket, Now));
        Assert.Equal([TimelineKinds.Created, TimelineKinds.Escalated, TimelineKinds.Acknowledged], ticket.NewEntries.Select(e => e.Entry.Kind));
    }

    [Theory]
    [InlineData(ReportBucket.Day, "2024-02-27", "2024-03-02", 5)]
    [InlineData(ReportBucket.Week, "2024-02-28", "2024-03-13", 3)]  // Mon 26 Feb, 4 Mar, 11 Mar
    [InlineData(ReportBucket.Month, "2024-01-15", "2024-12-31", 12)]
    public void Every_bucket_that_meets_the_period_is_there(ReportBucket bucket, string from, string to, int count)
    {
        var errors = new Common.FieldErrors();
        var query = new Microsoft.AspNetCore.Http.QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["from"] = from, ["to"] = to,
        });
        var range = ReportRange.Parse(query, Wib, Now, errors)!;
        var starts = ReportBuckets.Starts(range, bucket, Wib).ToList();
        Assert.Equal(count, starts.Count);
        Assert.True(ReportBuckets.ToUtc(starts[0], Wib) <= range.From);
        if (bucket == ReportBucket.Week)
            Assert.All(starts, s => Assert.Equal(DayOfWeek.Monday, s.DayOfWeek));
    }
}
