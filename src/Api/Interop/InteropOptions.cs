namespace Bengkulu112.Api.Interop;

/// <summary>
/// How the center names itself to other emergency systems (`Interop` section, e.g. `Interop__CenterDomain=…`): the
/// agency identifiers of EIDOs, the CAP sender and the local time zone of CAP times.
/// </summary>
public sealed class InteropOptions
{
    public const string Section = "Interop";

    /// <summary>The 112 center's agency identifier (a domain name it owns): the EIDO agency `$id` and URN suffix.</summary>
    public string CenterDomain { get; set; } = "112.bengkulukota.go.id";

    /// <summary>An OPD's agency identifier is its code under this domain (`damkar.bengkulukota.go.id`).</summary>
    public string OpdDomain { get; set; } = "bengkulukota.go.id";

    /// <summary>The center's name in CAP `senderName` and the Atom feed's author.</summary>
    public string CenterName { get; set; } = "112 Kota Bengkulu";

    /// <summary>CAP `sender`: globally unique, no spaces, commas or `&lt;`/`&amp;`.</summary>
    public string CapSender { get; set; } = "112@bengkulukota.go.id";

    /// <summary>CAP `addresses` of the `Private` alerts: the supervisors' group.</summary>
    public string CapAddresses { get; set; } = "supervisors@112.bengkulukota.go.id";

    /// <summary>IANA zone whose offset CAP times carry (`+07:00` for WIB).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The functional element that issues EIDOs (`issuingElementIdentification`).</summary>
    public string ElementId => "cad." + CenterDomain;

    public string OpdAgencyId(string opd) => $"{opd}.{OpdDomain}";

    public bool IsValid() =>
        IsDomain(CenterDomain) && IsDomain(OpdDomain) && !string.IsNullOrWhiteSpace(CenterName)
        && CapIdentifiers.IsValid(CapSender) && !string.IsNullOrWhiteSpace(CapAddresses)
        && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _);

    private static bool IsDomain(string? value) =>
        value is { Length: > 0 } && System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$");
}

/// <summary>CAP 1.2 forbids spaces, commas and the XML-restricted `&lt;` and `&amp;` in identifiers and senders.</summary>
public static class CapIdentifiers
{
    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && !value.Any(c => char.IsWhiteSpace(c) || c is ',' or '<' or '&');
}
