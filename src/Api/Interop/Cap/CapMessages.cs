using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Bengkulu112.Domain;

namespace Bengkulu112.Api.Interop.Cap;

/// <summary>One CAP message about an alert: the alert itself, or the cancel that follows when the ticket ends.</summary>
public sealed record CapMessage(long AlertId, string Identifier, DateTimeOffset Sent, string SentText, bool IsCancel, XElement Alert);

/// <summary>
/// An alert as OASIS CAP 1.2 messages (pure). The `Alert` message is sent at `raised_at`; once the ticket is resolved or
/// cancelled while the alert is still open, a `Cancel` follows whose `references` is `sender,identifier,sent` of the
/// alert exactly. Times carry the center's offset (`+07:00`), whole seconds; identifiers have no spaces or commas.
/// </summary>
public static class CapMessages
{
    public const string MediaType = "application/cap+xml";
    public static readonly XNamespace Ns = "urn:oasis:names:tc:emergency:cap:1.2";

    public static readonly IReadOnlySet<string> Categories =
        new HashSet<string> { "Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other" };

    private static readonly Dictionary<string, string> CategoryByTicketCategory = new()
    {
        [Domain.Categories.Fire] = "Fire",
        [Domain.Categories.Animal] = "Safety",
        [Domain.Categories.FallenTree] = "Safety",
        [Domain.Categories.Accident] = "Transport",
        [Domain.Categories.WaspNest] = "Safety",
        [Domain.Categories.Traffic] = "Transport",
        [Domain.Categories.Ambulance] = "Health",
        [Domain.Categories.PublicWorks] = "Infra",
        [Domain.Categories.PublicOrder] = "Security",
        [Domain.Categories.Disaster] = "Geo",
        [Domain.Categories.Blood] = "Health",
        [Domain.Categories.Other] = "Other",
    };

    public static string Category(string? ticketCategory) =>
        ticketCategory is not null && CategoryByTicketCategory.TryGetValue(ticketCategory, out var c) ? c : "Other";

    public static string Severity(string? priority) => priority switch
    {
        "P1" => "Severe",
        "P2" => "Moderate",
        "P3" => "Minor",
        _ => "Unknown",
    };

    public static string AlertIdentifier(long id) => $"BKL112-ALERT-{id}";

    public static string CancelIdentifier(long id) => $"BKL112-ALERT-{id}-CANCEL";

    /// <summary>The messages of an alert, oldest first: its Alert, then its Cancel when the ticket has ended it.</summary>
    public static IReadOnlyList<CapMessage> For(CapAlertRow row, InteropOptions options)
    {
        var alert = Alert(row, options);
        if (row.EndedAt is not { } ended)
            return [alert];
        return [alert, Cancel(row, alert, ended, options)];
    }

    public static string Serialize(XElement alert)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, OmitXmlDeclaration = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
            new XDocument(alert).Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static CapMessage Alert(CapAlertRow row, InteropOptions options)
    {
        var zone = options.Zone;
        var identifier = AlertIdentifier(row.Id);
        var sent = InteropTime.Cap(row.RaisedAt, zone);
        var alert = Header(identifier, sent, "Alert", row, options);
        alert.Add(Info(row, options, english: true, sent), Info(row, options, english: false, sent));
        return new CapMessage(row.Id, identifier, InteropTime.Truncate(row.RaisedAt), sent, false, alert);
    }

    private static CapMessage Cancel(CapAlertRow row, CapMessage original, DateTimeOffset ended, InteropOptions options)
    {
        var identifier = CancelIdentifier(row.Id);
        var sent = InteropTime.Cap(ended, options.Zone);
        var how = row.EndedStatus == "cancelled" ? "cancelled" : "resolved";
        var note = $"Ticket {row.TicketNumber} was {how}: alert {original.Identifier} no longer applies.";
        var alert = Header(identifier, sent, "Cancel", row, options, note,
            references: $"{options.CapSender},{original.Identifier},{original.SentText}");
        return new CapMessage(row.Id, identifier, InteropTime.Truncate(ended), sent, true, alert);
    }

    /// <summary>The `alert` block in the order CAP 1.2 defines, up to (not including) `info`.</summary>
    private static XElement Header(string identifier, string sent, string msgType, CapAlertRow row, InteropOptions options,
        string? note = null, string? references = null)
    {
        var alert = new XElement(Ns + "alert",
            new XElement(Ns + "identifier", identifier),
            new XElement(Ns + "sender", options.CapSender),
            new XElement(Ns + "sent", sent),
            new XElement(Ns + "status", "Actual"),
            new XElement(Ns + "msgType", msgType),
            new XElement(Ns + "source", "Bengkulu112"),
            new XElement(Ns + "scope", "Private"),
            new XElement(Ns + "addresses", options.CapAddresses));
        if (note is not null)
            alert.Add(new XElement(Ns + "note", note));
        if (references is not null)
            alert.Add(new XElement(Ns + "references", references));
        alert.Add(new XElement(Ns + "incidents", row.TicketNumber));
        return alert;
    }

    private static XElement Info(CapAlertRow row, InteropOptions options, bool english, string sent)
    {
        var zone = options.Zone;
        var due = InteropTime.Cap(row.DueAt, zone);
        var opd = row.Opd ?? (english ? "the OPD" : "OPD");
        var label = Domain.Categories.All.FirstOrDefault(c => c.Code == row.Category);
        var what = label is null ? "" : " (" + (english ? label.LabelEn : label.LabelId) + ")";
        var step = Step(row.Deadline, english);
        var overdue = row.Kind == "escalation.overdue";
        var eventText = english
            ? (overdue ? "Escalation overdue" : "SLA breached") + ": " + step
            : (overdue ? "Eskalasi terlambat" : "SLA terlampaui") + ": " + step;
        var headline = english
            ? $"{row.TicketNumber}: {opd} missed the {step} deadline"
            : $"{row.TicketNumber}: {opd} melewati batas waktu {step}";
        var description = english
            ? $"Ticket {row.TicketNumber}{what}: {opd} had to reach the {step} step by {due}; it had not when the alert was raised at {sent}."
            : $"Tiket {row.TicketNumber}{what}: {opd} harus mencapai tahap {step} paling lambat {due}; belum tercapai saat peringatan dibuat pada {sent}.";
        var info = new XElement(Ns + "info",
            new XElement(Ns + "language", english ? "en-US" : "id-ID"),
            new XElement(Ns + "category", Category(row.Category)),
            new XElement(Ns + "event", eventText),
            new XElement(Ns + "responseType", "Assess"),
            new XElement(Ns + "urgency", "Immediate"),
            new XElement(Ns + "severity", Severity(row.Priority)),
            new XElement(Ns + "certainty", "Observed"),
            new XElement(Ns + "audience", english ? "112 supervisors" : "Supervisor 112"),
            new XElement(Ns + "eventCode", new XElement(Ns + "valueName", "bengkulu112:alert-kind"), new XElement(Ns + "value", row.Kind)),
            new XElement(Ns + "effective", sent),
            new XElement(Ns + "senderName", options.CenterName),
            new XElement(Ns + "headline", headline),
            new XElement(Ns + "description", description),
            Parameter("ticket_id", row.TicketId.ToString()),
            Parameter("ticket_number", row.TicketNumber));
        if (row.Opd is not null)
            info.Add(Parameter("opd", row.Opd));
        info.Add(Parameter("deadline", row.Deadline), Parameter("due_at", due),
            new XElement(Ns + "area", new XElement(Ns + "areaDesc", string.IsNullOrWhiteSpace(row.Address) ? "Kota Bengkulu" : row.Address)));
        return info;
    }

    private static XElement Parameter(string name, string value) =>
        new(Ns + "parameter", new XElement(Ns + "valueName", name), new XElement(Ns + "value", value));

    private static string Step(string deadline, bool english) => (deadline, english) switch
    {
        ("acknowledge", true) => "acknowledge",
        ("acknowledge", false) => "konfirmasi",
        ("on_scene", true) => "on scene",
        ("on_scene", false) => "tiba di lokasi",
        ("resolve", true) => "resolve",
        ("resolve", false) => "penyelesaian",
        _ => deadline,
    };
}
