using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace Bengkulu112.Tests.Api.Interop;

/// <summary>
/// OASIS CAP 1.2 as a receiver checks it: the XML Schema written for this project (structure, order, value lists,
/// time and identifier forms) through .NET's validating reader, then the rules CAP states in prose: a `Private`
/// message has `addresses`; a `Cancel` names earlier messages in `references` as `sender,identifier,sent` triples.
/// </summary>
public static partial class CapConformance
{
    public static readonly XNamespace Ns = "urn:oasis:names:tc:emergency:cap:1.2";

    private static readonly XmlSchemaSet Schemas = Load();

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet();
        set.Add("urn:oasis:names:tc:emergency:cap:1.2",
            Path.Combine(AppContext.BaseDirectory, "Api", "Interop", "Schemas", "cap-1.2.xsd"));
        set.Compile();
        return set;
    }

    /// <summary>Asserts <paramref name="xml"/> is a valid CAP 1.2 message and answers its `alert` element.</summary>
    public static XElement AssertValid(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using (var reader = XmlReader.Create(new StringReader(xml), settings))
            while (reader.Read())
            {
            }
        Assert.True(errors.Count == 0, "CAP message is not valid: " + string.Join("; ", errors) + "\n" + xml);
        return AssertRules(XDocument.Parse(xml).Root!);
    }

    /// <summary>The prose rules of CAP 1.2 on one `alert` element (also for alerts embedded in an Atom feed).</summary>
    public static XElement AssertRules(XElement alert)
    {
        Assert.Equal(Ns + "alert", alert.Name);
        if (alert.Element(Ns + "scope")!.Value == "Private")
            Assert.False(string.IsNullOrWhiteSpace(alert.Element(Ns + "addresses")?.Value), "a Private message needs addresses");
        foreach (var time in alert.Descendants().Where(e => e.Name.LocalName is "sent" or "effective" or "onset" or "expires"))
            Assert.Matches(Time(), time.Value);
        if (alert.Element(Ns + "msgType")!.Value is "Cancel" or "Update")
        {
            var references = alert.Element(Ns + "references")?.Value;
            Assert.False(string.IsNullOrWhiteSpace(references), "a Cancel names the messages it cancels");
            foreach (var triple in references!.Split(' '))
                Assert.Matches(Reference(), triple);
        }
        return alert;
    }

    public static string Value(this XElement alert, string name) => alert.Element(Ns + name)!.Value;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    public static partial Regex Time();

    [GeneratedRegex(@"^[^\s,<&]+,[^\s,<&]+,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex Reference();
}
