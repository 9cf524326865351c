using System.Globalization;
using Bengkulu112.Common;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// Where a reconnecting client left off: the `Last-Event-ID` header browsers' EventSource sends, or
/// `?last_event_id=` for clients that cannot set headers (the header wins when both are given).
/// </summary>
public static class LastEventId
{
    public const string Header = "Last-Event-ID";
    public const string QueryParameter = "last_event_id";

    /// <summary>The id the client last saw, or null when it sent none (the feed then starts from now).</summary>
    public static long? Read(HttpRequest request, FieldErrors errors)
    {
        var (field, text) = Present(request.Headers[Header].LastOrDefault()) is { } header
            ? (Header, header)
            : (QueryParameter, Present(request.Query[QueryParameter].LastOrDefault()));
        if (text is null)
            return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return id;
        errors.Add(field, "must be the id of an event this feed sent (a whole number)");
        return null;
    }

    private static string? Present(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
