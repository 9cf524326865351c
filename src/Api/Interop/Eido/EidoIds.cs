using System.Security.Cryptography;
using System.Text;

namespace Bengkulu112.Api.Interop.Eido;

/// <summary>
/// The `$id`s of an EIDO, the same at every export of a ticket: the incident and call identifiers in the URN forms of
/// NENA-STA-010 (`urn:emergency:uid:incidentid:…:agency`, `urn:emergency:uid:callid:…:agency`), agencies by their agency
/// identifier, and every other component a name-based UUID (RFC 9562 version 5) of the ticket and the component's place.
/// </summary>
public sealed class EidoIds(Guid ticketId, string centerDomain)
{
    private static readonly Guid Namespace = new("0e1f6c4a-7a52-4f0b-9a3c-1d2b8c112112");

    public string Incident => IncidentTrackingId(ticketId, centerDomain);

    public static string IncidentTrackingId(Guid ticketId, string centerDomain) =>
        $"urn:emergency:uid:incidentid:{ticketId:N}:{centerDomain}";

    public string Call(Guid callId) => $"urn:emergency:uid:callid:{callId:N}:{centerDomain}";

    public string Component(string kind, string key = "") => "urn:uuid:" + NameBased($"{ticketId:N}/{kind}/{key}");

    /// <summary>The ticket id an incident tracking identifier of this center names, if it names one.</summary>
    public static Guid? TicketOf(string incidentId, string centerDomain)
    {
        const string prefix = "urn:emergency:uid:incidentid:";
        var suffix = ":" + centerDomain;
        if (!incidentId.StartsWith(prefix, StringComparison.Ordinal) || !incidentId.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var middle = incidentId[prefix.Length..^suffix.Length];
        return Guid.TryParseExact(middle, "N", out var id) ? id : null;
    }

    private static Guid NameBased(string name)
    {
        var bytes = Namespace.ToByteArray(bigEndian: true).Concat(Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = SHA1.HashData(bytes)[..16];
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
