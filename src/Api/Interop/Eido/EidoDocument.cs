using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bengkulu112.Calls;
using Bengkulu112.Domain;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Interop.Eido;

/// <summary>What an EIDO is made of: the ticket as it stands, its timeline and its calls, and whether the reader may see numbers.</summary>
public sealed record EidoInput(TicketDetails Ticket, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<CallDetails> Calls,
    bool ShowCallerNumbers);

/// <summary>
/// Builds the NENA-STA-021 EIDO of a ticket (pure: the same input gives the same bytes). Every component starts with
/// the prologue (`$id`, `lastUpdateTimeStamp`, `updatedByAgencyReference`), members follow in the standard's order,
/// optional members without a value are left out (never null), and every `$ref` names a component of the document.
/// </summary>
public static class EidoDocument
{
    public static readonly JsonSerializerOptions Json = new()
    {
        // The EIDO carries PIDF-LO XML in strings: keep `<` readable. The media type is JSON, never HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(JsonObject eido) => eido.ToJsonString(Json);

    public static JsonObject Build(EidoInput input, InteropOptions options)
    {
        var t = input.Ticket;
        var zone = options.Zone;
        var ids = new EidoIds(t.Id, options.CenterDomain);
        var center = options.CenterDomain;
        string Time(DateTimeOffset at) => InteropTime.Eido(at, zone);
        JsonObject Prologue(string id, DateTimeOffset at, string? agency = null) => new()
        {
            ["$id"] = id,
            ["lastUpdateTimeStamp"] = Time(at),
            ["updatedByAgencyReference"] = Ref(agency ?? center),
        };

        var notes = new JsonArray();
        var incidentNotes = new JsonArray();
        var descriptionId = ids.Component("note", "description");
        notes.Add(Note(Prologue(descriptionId, t.CreatedAt), Description(t)));
        incidentNotes.Add(Ref(descriptionId));
        foreach (var (entry, index) in input.Timeline.Select((e, i) => (e, i)))
        {
            var id = ids.Component("note", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
            notes.Add(Note(Prologue(id, entry.At), TimelineText(entry, input.ShowCallerNumbers)));
            incidentNotes.Add(Ref(id));
        }

        var locations = new JsonArray();
        var incidentLocationId = ids.Component("location", "incident");
        locations.Add(Location(Prologue(incidentLocationId, t.CreatedAt), EidoRegistries.LocationTypeIncident, t.Location, t.Number));

        var calls = new JsonArray();
        var callbacks = new JsonArray();
        var persons = new JsonArray();
        var incidentPersons = new JsonArray();
        var callers = input.ShowCallerNumbers
            ? input.Calls.Where(c => !string.IsNullOrEmpty(c.CallerNumber)).GroupBy(c => c.CallerNumber).ToList()
            : [];
        var personOf = new Dictionary<string, (string Person, string Callback)>();
        foreach (var caller in callers)
        {
            var person = ids.Component("person", caller.Key);
            var callback = ids.Component("callback", caller.Key);
            personOf[caller.Key] = (person, callback);
            var first = caller.Min(c => c.ReceivedAt);
            var callbackComponent = Prologue(callback, first);
            callbackComponent["callBackInformationUri"] = new JsonArray("tel:" + caller.Key);
            callbacks.Add(callbackComponent);
            var personComponent = Prologue(person, first);
            personComponent["personIncidentRoleRegistryText"] = new JsonArray(EidoRegistries.PersonRoleCaller);
            personComponent["callIdentifier"] = new JsonArray([.. caller.Select(c => (JsonNode)ids.Call(c.Id))]);
            personComponent["callBackReference"] = Ref(callback);
            persons.Add(personComponent);
            incidentPersons.Add(Ref(person));
        }
        foreach (var call in input.Calls.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id))
        {
            var component = Prologue(ids.Call(call.Id), call.ClassifiedAt ?? call.ReceivedAt);
            component["standardPrimaryCallType"] = EidoRegistries.CallTypeEmergency;
            component["localCallType"] = call.Channel.ToString().ToLowerInvariant();
            component["direction"] = EidoRegistries.DirectionIncoming;
            component["callStartTimestamp"] = Time(call.ReceivedAt);
            component["callStateRegistryText"] = EidoRegistries.CallStateEnded;
            if (personOf.TryGetValue(call.CallerNumber ?? "", out var party))
                component["callBackReference"] = Ref(party.Callback);
            if (call.Location is { } where && (where.Address is not null || where.Lat is not null))
            {
                var locationId = ids.Component("location", "call-" + call.Id.ToString("N"));
                locations.Add(Location(Prologue(locationId, call.ReceivedAt), EidoRegistries.LocationTypeCaller, where, t.Number));
                component["locationReference"] = new JsonArray(Ref(locationId));
            }
            if (personOf.TryGetValue(call.CallerNumber ?? "", out var caller))
                component["personReference"] = new JsonArray(Ref(caller.Person));
            calls.Add(component);
        }

        var agencies = new JsonArray();
        var centerAgency = Prologue(center, t.CreatedAt);
        centerAgency["agencyJcard"] = JCard(options.CenterName);
        centerAgency["agencyRoleDescriptionRegistryText"] = new JsonArray(EidoRegistries.RoleCallReceiving);
        centerAgency["agencyType"] = new JsonArray(EidoRegistries.AgencyTypePsap);
        centerAgency["incidentOwningAgencyIndicator"] = true;
        agencies.Add(centerAgency);
        if (t.Opd is { } primary)
            agencies.Add(Agency(Prologue(options.OpdAgencyId(primary), t.EscalatedAt ?? t.CreatedAt), primary, EidoRegistries.RoleResponding));
        foreach (var supporting in t.SupportingOpds.Where(o => o != t.Opd).Distinct())
            agencies.Add(Agency(Prologue(options.OpdAgencyId(supporting), t.EscalatedAt ?? t.CreatedAt), supporting, EidoRegistries.RoleAssisting));

        var incident = Prologue(ids.Component("incident"), t.UpdatedAt);
        incident["incidentTypeInternalCode"] = t.Category;
        incident["incidentTypeInternalText"] = Categories.All.FirstOrDefault(c => c.Code == t.Category)?.LabelEn ?? t.Category;
        incident["incidentTypeCommonRegistryText"] = EidoRegistries.IncidentType(t.Category);
        incident["incidentStatusInternalText"] = new JsonArray(t.Status.Code());
        incident["incidentStatusCommonRegistryText"] = new JsonArray(EidoRegistries.IncidentStatusByStatus[t.Status]);
        incident["internalIncidentId"] = t.Number;
        incident["locationReference"] = new JsonArray(Ref(incidentLocationId));
        if (incidentPersons.Count > 0)
            incident["personReference"] = incidentPersons;
        incident["incidentPriorityInternalText"] = t.Priority.ToString();
        if (Disposition(t, ids, Prologue, input.Timeline) is { } disposition)
            incident["dispositionComponent"] = new JsonArray(disposition);
        incident["notesReference"] = incidentNotes;

        var eido = Prologue(ids.Incident, t.UpdatedAt);
        eido["eidoVersion"] = EidoRegistries.EidoVersion;
        eido["issuingElementIdentification"] = options.ElementId;
        eido["incidentComponent"] = incident;
        if (calls.Count > 0)
            eido["callComponent"] = calls;
        if (callbacks.Count > 0)
            eido["callbackComponent"] = callbacks;
        eido["notesComponent"] = notes;
        eido["agencyComponent"] = agencies;
        eido["locationComponent"] = locations;
        if (persons.Count > 0)
            eido["personComponent"] = persons;
        return eido;
    }

    private static JsonObject Ref(string id) => new() { ["$ref"] = id };

    private static JsonObject Note(JsonObject prologue, string text)
    {
        prologue["notesActionComments"] = WebUtility.HtmlEncode(text);
        return prologue;
    }

    private static JsonObject Agency(JsonObject prologue, string opd, string role)
    {
        prologue["agencyRoleDescriptionRegistryText"] = new JsonArray(role);
        prologue["agencyType"] = new JsonArray(EidoRegistries.AgencyType(opd));
        prologue["incidentOwningAgencyIndicator"] = false;
        return prologue;
    }

    private static JsonObject Location(JsonObject prologue, string type, Common.Location where, string number)
    {
        prologue["locationTypeDescriptionRegistryText"] = type;
        prologue["locationByValue"] = PidfLo.Of(where, number);
        if (Describe(where) is { Length: > 0 } text)
            prologue["locationDescriptionText"] = text;
        return prologue;
    }

    private static string Describe(Common.Location where) =>
        string.Join(", ", new[] { where.Address, where.Kelurahan, where.Kecamatan }.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static JsonObject? Disposition(TicketDetails t, EidoIds ids, Func<string, DateTimeOffset, string?, JsonObject> prologue,
        IReadOnlyList<TimelineEntry> timeline)
    {
        if (!EidoRegistries.DispositionByStatus.TryGetValue(t.Status, out var code))
            return null;
        var at = (t.Status == TicketStatus.Cancelled ? t.CancelledAt : t.ClosedAt) ?? t.UpdatedAt;
        var component = prologue(ids.Component("disposition"), at, null);
        component["dispositionCommonRegistryCode"] = code;
        component["dispositionPrimaryIndicator"] = true;
        var why = timeline.LastOrDefault(e => e.ToStatus == t.Status)?.Text;
        if (!string.IsNullOrWhiteSpace(why))
            component["dispositionDescriptionText"] = why;
        return component;
    }

    private static string Description(TicketDetails t) =>
        t.Blood is { } blood ? $"{t.Description} (blood {blood.Group}, {blood.Units} units, {blood.Hospital})" : t.Description;

    /// <summary>One timeline entry as a note: who did what, from which status to which, for which OPD, and the text.</summary>
    private static string TimelineText(TimelineEntry e, bool showNumbers)
    {
        var text = e.Kind;
        if (e.FromStatus is { } from && e.ToStatus is { } to)
            text += $" ({from.Code()} → {to.Code()})";
        else if (e.ToStatus is { } only)
            text += $" (→ {only.Code()})";
        text += $" by {e.Actor}";
        if (e.Opd is { } opd)
            text += $", OPD {opd}";
        if (!string.IsNullOrWhiteSpace(e.Text))
            text += ": " + (showNumbers ? e.Text : Callers.PhoneNumberMask.MaskIn(e.Text));
        return text;
    }

    /// <summary>A minimal vCard 4 in its jCard form (RFC 7095), serialised as the string `agencyJcard` holds.</summary>
    private static string JCard(string name) =>
        new JsonArray("vcard", new JsonArray(new JsonArray("version", new JsonObject(), "text", "4.0"),
            new JsonArray("fn", new JsonObject(), "text", name), new JsonArray("kind", new JsonObject(), "text", "org"))).ToJsonString(Json);
}
