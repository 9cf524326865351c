using Bengkulu112.Domain;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Interop.Eido;

/// <summary>
/// The registry values this system puts in EIDOs (NENA-STA-021.1b, version 1.0 structure), and how our categories,
/// statuses and OPDs map onto them. Every value an EIDO carries in a `…RegistryText`/`…RegistryCode` member or in
/// `agencyType` is one of the sets below (docs/interop.md lists them; the conformance tests hold the output to them).
/// </summary>
public static class EidoRegistries
{
    public const string EidoVersion = "1.0";
    public const string MediaType = "application/emergency.eido+json";

    /// <summary>Incident Type registry: the APCO/NENA common incident type codes we use.</summary>
    public static readonly IReadOnlyDictionary<string, string> IncidentTypeByCategory = new Dictionary<string, string>
    {
        [Categories.Fire] = "FUNK",
        [Categories.Animal] = "ANIMAL",
        [Categories.FallenTree] = "PUBWKS",
        [Categories.Accident] = "MVA",
        [Categories.WaspNest] = "WILDLIFE",
        [Categories.Traffic] = "THAZ",
        [Categories.Ambulance] = "BLS",
        [Categories.PublicWorks] = "PUBWKS",
        [Categories.PublicOrder] = "DISORD",
        [Categories.Disaster] = "MAJORINC",
        [Categories.Blood] = "ASSIST",
        [Categories.Other] = "TROUBLE",
    };

    /// <summary>Incident Status registry values, one per ticket status (the exact status stays in the internal text).</summary>
    public static readonly IReadOnlyDictionary<TicketStatus, string> IncidentStatusByStatus = new Dictionary<TicketStatus, string>
    {
        [TicketStatus.Open] = "Active",
        [TicketStatus.Escalated] = "Dispatched",
        [TicketStatus.Acknowledged] = "Acknowledged",
        [TicketStatus.OnScene] = "OnScene",
        [TicketStatus.Resolved] = "Cleared",
        [TicketStatus.Closed] = "Closed",
        [TicketStatus.Cancelled] = "Closed",
    };

    /// <summary>Common Disposition Code registry values of the two ends of a ticket.</summary>
    public static readonly IReadOnlyDictionary<TicketStatus, string> DispositionByStatus = new Dictionary<TicketStatus, string>
    {
        [TicketStatus.Closed] = "Completed",
        [TicketStatus.Cancelled] = "Cancelled",
    };

    /// <summary>Agency Role registry values.</summary>
    public const string RoleCallReceiving = "CallReceiving";
    public const string RoleResponding = "Responding";
    public const string RoleAssisting = "Assisting";

    /// <summary>`agencyType`: the IANA `urn:emergency:service:responder` sub-services, without that prefix.</summary>
    public const string AgencyTypePsap = "psap";

    public static readonly IReadOnlyDictionary<string, string> AgencyTypeByOpd = new Dictionary<string, string>
    {
        ["damkar"] = "fire",
        ["bpbd"] = "fire",
        ["dinkes"] = "ems",
        ["pmi"] = "ems",
        ["polresta"] = "police",
        ["satpolpp"] = "police",
        ["dishub"] = "police",
    };

    /// <summary>An OPD that is no emergency responder (public works, environment, one added later).</summary>
    public const string AgencyTypeOther = "other";

    public const string LocationTypeIncident = "Incident";
    public const string LocationTypeCaller = "Caller";
    public const string PersonRoleCaller = "Caller";
    public const string CallTypeEmergency = "emergency";
    public const string CallStateEnded = "callEnd";
    public const string DirectionIncoming = "incoming";

    public static readonly IReadOnlySet<string> IncidentTypes = IncidentTypeByCategory.Values.ToHashSet();
    public static readonly IReadOnlySet<string> IncidentStatuses = IncidentStatusByStatus.Values.ToHashSet();
    public static readonly IReadOnlySet<string> Dispositions = DispositionByStatus.Values.ToHashSet();
    public static readonly IReadOnlySet<string> AgencyRoles = new HashSet<string> { RoleCallReceiving, RoleResponding, RoleAssisting };
    public static readonly IReadOnlySet<string> AgencyTypes =
        AgencyTypeByOpd.Values.Append(AgencyTypePsap).Append(AgencyTypeOther).ToHashSet();
    public static readonly IReadOnlySet<string> LocationTypes = new HashSet<string> { LocationTypeIncident, LocationTypeCaller };

    public static string IncidentType(string category) =>
        IncidentTypeByCategory.TryGetValue(category, out var type) ? type : IncidentTypeByCategory[Categories.Other];

    public static string AgencyType(string opd) => AgencyTypeByOpd.TryGetValue(opd, out var type) ? type : AgencyTypeOther;
}
