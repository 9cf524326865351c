using System.Text.Json.Nodes;
using System.Xml.Linq;
using Bengkulu112.Api.Interop;
using Bengkulu112.Api.Interop.Cap;
using Bengkulu112.Api.Interop.Conveyance;
using Bengkulu112.Api.Interop.Eido;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Tests.Api.Interop;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>
/// The pure parts of interoperability: time and id forms, the WebSocket message rules, and proof that the conformance
/// checks the API tests rely on do refuse what the standards forbid.
/// </summary>
public sealed class InteropConformanceTests
{
    private static readonly InteropOptions Options = new();
    private static readonly DateTimeOffset At = new(2026, 12, 3, 7, 5, 9, 987, TimeSpan.Zero);

    private static TicketDetails Ticket(TicketStatus status) => new(
        Guid.Parse("6f1c2d3e-4b5a-4c6d-8e7f-0123456789ab"), "BKL-2026-000107", "fire", Priority.P1, status, "Rumah terbakar",
        new Location("Jl. Suprapto No. 12", "Pasar Baru", "Teluk Segara", -3.7928, 102.2608), null, [], "damkar", ["dinkes"],
        At, At, null, null, null, status == TicketStatus.Closed ? At : null, null, [], 0, 3,
        status == TicketStatus.Cancelled ? At : null, At);

    private static string Eido(TicketStatus status = TicketStatus.Escalated) => EidoDocument.Serialize(EidoDocument.Build(
        new EidoInput(Ticket(status), [new TimelineEntry(At, "ct1", "created", null, TicketStatus.Open, "damkar", null)], [], true), Options));

    [Fact]
    public void CAP_times_carry_the_offset_in_whole_seconds_and_UTC_is_minus_zero()
    {
        Assert.Equal("2026-12-03T14:05:09+07:00", InteropTime.Cap(At, Options.Zone));
        Assert.Equal("2026-12-03T07:05:09-00:00", InteropTime.Cap(At, TimeZoneInfo.Utc));
        Assert.Equal("2026-12-03T14:05:09.987+07:00", InteropTime.Eido(At, Options.Zone));
    }

    [Fact]
    public void Incident_ids_round_trip_and_component_ids_are_stable_version_5_uuids()
    {
        var ticket = Guid.NewGuid();
        var ids = new EidoIds(ticket, Options.CenterDomain);
        Assert.Equal(ticket, EidoIds.TicketOf(ids.Incident, Options.CenterDomain));
        Assert.Null(EidoIds.TicketOf(ids.Incident, "other.example"));
        Assert.Equal(ids.Component("note", "1"), new EidoIds(ticket, Options.CenterDomain).Component("note", "1"));
        Assert.NotEqual(ids.Component("note", "1"), ids.Component("note", "2"));
        Assert.Matches("^urn:uuid:[0-9a-f-]{14}5", ids.Component("incident"));
    }

    [Theory]
    [InlineData(TicketStatus.Open)]
    [InlineData(TicketStatus.Escalated)]
    [InlineData(TicketStatus.Acknowledged)]
    [InlineData(TicketStatus.OnScene)]
    [InlineData(TicketStatus.Resolved)]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    public void The_built_EIDO_of_every_status_conforms(TicketStatus status) => EidoConformance.AssertConforms(Eido(status));

    public static TheoryData<string, Func<JsonObject, JsonObject>> Breakages() => new()
    {
        { "a null member", e => { e["incidentComponent"]!["internalIncidentId"] = null; return e; } },
        { "a value outside the registry", e => { e["incidentComponent"]!["incidentTypeCommonRegistryText"] = "Fire"; return e; } },
        { "a time in Z", e => { e["lastUpdateTimeStamp"] = "2026-12-03T07:05:09Z"; return e; } },
        { "a reference to nothing", e => { e["incidentComponent"]!["locationReference"]![0]!["$ref"] = "urn:uuid:nothing"; return e; } },
        { "a repeated $id", e => { e["notesComponent"]![0]!["$id"] = e["incidentComponent"]!["$id"]!.GetValue<string>(); return e; } },
        { "a missing required member", e => { e.Remove("eidoVersion"); return e; } },
        { "an unknown member", e => { e["incidentComponent"]!["incidentColour"] = "red"; return e; } },
        { "a prologue out of order", e =>
            {
                var agency = e["agencyComponent"]![0]!.AsObject();
                var time = agency["lastUpdateTimeStamp"]!.DeepClone();
                agency.Remove("lastUpdateTimeStamp");
                agency["lastUpdateTimeStamp"] = time;
                return e;
            }
        },
        { "an incident id not in the URN form", e => { e["$id"] = "BKL-2026-000107"; return e; } },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void The_EIDO_checks_refuse(string what, Func<JsonObject, JsonObject> breakIt)
    {
        var broken = breakIt(JsonNode.Parse(Eido())!.AsObject()).ToJsonString();
        Assert.ThrowsAny<Exception>(() => EidoConformance.AssertConforms(broken));
        Assert.NotEmpty(what);
    }

    private static string Cap() => CapMessages.Serialize(CapMessages.For(new CapAlertRow(7, "sla.breached", Guid.NewGuid(),
        "BKL-2026-000107", "damkar", "acknowledge", At, At, "fire", "P1", "Jl. Suprapto", At.AddMinutes(5), "resolved"), Options)[1].Alert);

    public static TheoryData<string, string, string> CapBreakages() => new()
    {
        { "a time in Z", "<sent>2026-12-03T14:10:09+07:00</sent>", "<sent>2026-12-03T07:10:09Z</sent>" },
        { "a time with fractions", "<sent>2026-12-03T14:10:09+07:00</sent>", "<sent>2026-12-03T14:10:09.5+07:00</sent>" },
        { "an identifier with a comma", "<identifier>BKL112-ALERT-7-CANCEL</identifier>", "<identifier>BKL112,7</identifier>" },
        { "an unknown scope", "<scope>Private</scope>", "<scope>Supervisors</scope>" },
        { "members out of order", "<status>Actual</status>\n  <msgType>Cancel</msgType>", "<msgType>Cancel</msgType>\n  <status>Actual</status>" },
        { "a reference without its sent time", ",2026-12-03T14:05:09+07:00</references>", "</references>" },
        { "a private message without addresses", "<addresses>supervisors@112.bengkulukota.go.id</addresses>", "" },
    };

    [Theory]
    [MemberData(nameof(CapBreakages))]
    public void The_CAP_checks_refuse(string what, string from, string to)
    {
        var cap = Cap();
        CapConformance.AssertValid(cap);
        Assert.Contains(from, cap);
        Assert.ThrowsAny<Exception>(() => CapConformance.AssertValid(cap.Replace(from, to)));
        Assert.NotEmpty(what);
    }

    [Fact]
    public void A_cancel_references_the_alert_exactly()
    {
        var messages = CapMessages.For(new CapAlertRow(7, "sla.breached", Guid.NewGuid(), "BKL-2026-000107", null, "resolve",
            At, At, null, null, null, At.AddSeconds(1), "cancelled"), Options);
        var alert = messages[0].Alert;
        XNamespace ns = CapMessages.Ns;
        Assert.Equal($"{Options.CapSender},BKL112-ALERT-7,{alert.Element(ns + "sent")!.Value}",
            messages[1].Alert.Element(ns + "references")!.Value);
        Assert.Equal("Unknown", alert.Element(ns + "info")!.Element(ns + "severity")!.Value);
    }

    public static TheoryData<string, int> Messages() => new()
    {
        { "", 400 },
        { "null", 400 },
        { """{"subscribe": {}, "unsubscribe": {}}""", 400 },
        { """{"subscribe": "new"}""", 400 },
        { """{"subscribe": {"transactionId": 5, "requestType": "EIDO", "requestSubType": "new"}}""", 400 },
        { """{"subscribe": {"transactionId": "a", "requestType": "EIDO", "requestSubType": "all"}}""", 400 },
        { """{"subscribe": {"transactionId": "a", "requestType": "EIDO", "requestSubType": "new", "incidentId": "x"}}""", 400 },
        { """{"eventResponse": {"transactionId": "a"}}""", 400 },
        { """{"notify": {"transactionId": "a"}}""", 400 },
        { """{"subscribe": {"transactionId": "a", "requestType": "EIDO", "requestSubType": "new"}}""", 200 },
        { """{"subscribe": {"transactionId": "a", "requestType": "EIDO", "requestSubType": "single", "incidentId": "x"}}""", 200 },
        { """{"unsubscribe": {"transactionId": "a", "subscriptionId": "s"}}""", 200 },
        { """{"eventResponse": {"transactionId": "a", "statusCode": 200}}""", 200 },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Client_messages_are_read_or_refused_with_400(string text, int status)
    {
        var message = ConveyanceMessages.Parse(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.Equal(status, message is Bengkulu112.Api.Interop.Conveyance.Refusal refusal ? refusal.StatusCode : 200);
    }
}
