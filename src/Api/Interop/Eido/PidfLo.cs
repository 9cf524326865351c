using System.Globalization;
using System.Xml.Linq;

namespace Bengkulu112.Api.Interop.Eido;

/// <summary>
/// A location as a PIDF-LO document (RFC 4119 with the civic address of RFC 5139 and a GML point of RFC 5491), the
/// form EIDO's `locationByValue` carries: country `ID`, province, city, kecamatan (A3), kelurahan (A4), the address text.
/// </summary>
public static class PidfLo
{
    private static readonly XNamespace Pidf = "urn:ietf:params:xml:ns:pidf";
    private static readonly XNamespace Gp = "urn:ietf:params:xml:ns:pidf:geopriv10";
    private static readonly XNamespace Ca = "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr";
    private static readonly XNamespace Gml = "http://www.opengis.net/gml";

    public static string Of(Common.Location where, string entity)
    {
        var info = new XElement(Gp + "location-info");
        if (where.Lat is { } lat && where.Lon is { } lon)
            info.Add(new XElement(Gml + "Point", new XAttribute("srsName", "urn:ogc:def:crs:EPSG::4326"),
                new XElement(Gml + "pos", string.Create(CultureInfo.InvariantCulture, $"{lat} {lon}"))));
        var civic = new XElement(Ca + "civicAddress", new XAttribute(XNamespace.Xml + "lang", "id"),
            new XElement(Ca + "country", "ID"), new XElement(Ca + "A1", "Bengkulu"), new XElement(Ca + "A2", "Kota Bengkulu"));
        if (!string.IsNullOrWhiteSpace(where.Kecamatan))
            civic.Add(new XElement(Ca + "A3", where.Kecamatan));
        if (!string.IsNullOrWhiteSpace(where.Kelurahan))
            civic.Add(new XElement(Ca + "A4", where.Kelurahan));
        if (!string.IsNullOrWhiteSpace(where.Address))
            civic.Add(new XElement(Ca + "LOC", where.Address));
        info.Add(civic);
        var presence = new XElement(Pidf + "presence",
            new XAttribute("entity", "pres:" + entity),
            new XAttribute(XNamespace.Xmlns + "gp", Gp), new XAttribute(XNamespace.Xmlns + "ca", Ca), new XAttribute(XNamespace.Xmlns + "gml", Gml),
            new XElement(Pidf + "tuple", new XAttribute("id", "location"),
                new XElement(Pidf + "status",
                    new XElement(Gp + "geopriv", info,
                        new XElement(Gp + "usage-rules"),
                        new XElement(Gp + "method", "Manual")))));
        return presence.ToString(SaveOptions.DisableFormatting);
    }
}
