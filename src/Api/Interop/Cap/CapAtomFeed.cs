using System.Xml.Linq;

namespace Bengkulu112.Api.Interop.Cap;

/// <summary>
/// The latest CAP messages as an Atom feed (RFC 4287): one entry per message, newest first, the message inline as the
/// entry's `application/cap+xml` content and linked at `GET /alerts/{id}/cap`. Entry ids are tag URIs (RFC 4151) of the
/// CAP identifier, so they stay the same at every read.
/// </summary>
public static class CapAtomFeed
{
    public const string MediaType = "application/atom+xml";
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static XElement Build(IReadOnlyList<CapMessage> newestFirst, InteropOptions options, string baseUrl, DateTimeOffset now)
    {
        var zone = options.Zone;
        var updated = newestFirst.Count > 0 ? newestFirst[0].SentText : InteropTime.Cap(now, zone);
        var feed = new XElement(Atom + "feed",
            new XElement(Atom + "id", $"tag:{options.CenterDomain},2026:cap/alerts"),
            new XElement(Atom + "title", $"{options.CenterName}: CAP alerts"),
            new XElement(Atom + "updated", updated),
            new XElement(Atom + "author", new XElement(Atom + "name", options.CenterName)),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", MediaType),
                new XAttribute("href", baseUrl + "/api/v1/cap/alerts.atom")));
        foreach (var message in newestFirst)
        {
            var headline = message.Alert.Descendants(CapMessages.Ns + "headline").FirstOrDefault()?.Value
                ?? message.Alert.Element(CapMessages.Ns + "note")?.Value ?? message.Identifier;
            feed.Add(new XElement(Atom + "entry",
                new XElement(Atom + "id", $"tag:{options.CenterDomain},2026:cap/{message.Identifier}"),
                new XElement(Atom + "title", (message.IsCancel ? "Cancel: " : "") + headline),
                new XElement(Atom + "updated", message.SentText),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", CapMessages.MediaType),
                    new XAttribute("href", $"{baseUrl}/api/v1/alerts/{message.AlertId}/cap")),
                new XElement(Atom + "content", new XAttribute("type", CapMessages.MediaType), new XElement(message.Alert))));
        }
        return feed;
    }
}
