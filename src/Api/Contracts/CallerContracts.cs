using System.Text.Json.Serialization;
using Bengkulu112.Callers;
using Bengkulu112.Calls;

namespace Bengkulu112.Api.Contracts;

/// <summary>`Caller` of API.md: counts for all six classifications, the newest calls first.</summary>
public sealed record CallerResponse(
    string Number,
    IReadOnlyDictionary<string, int> Counts,
    int TotalCalls,
    [property: JsonPropertyName("prank_calls_30d")] int PrankCalls30d,
    [property: JsonPropertyName("silent_calls_30d")] int SilentCalls30d,
    IReadOnlyList<CallerCallResponse> LastCalls,
    bool Flagged,
    string? FlagReason,
    string? FlaggedBy,
    DateTimeOffset? FlaggedAt)
{
    public static CallerResponse From(CallerDetails caller) =>
        new(caller.Number, caller.Counts, caller.TotalCalls, caller.PrankCalls30d, caller.SilentCalls30d,
            caller.LastCalls.Select(c => new CallerCallResponse(c.CallId, c.ReceivedAt, c.Classification)).ToList(),
            caller.Flagged, caller.FlagReason, caller.FlaggedBy, caller.FlaggedAt);
}

public sealed record CallerCallResponse(Guid CallId, DateTimeOffset ReceivedAt, Classification? Classification);

/// <summary>Body of `PUT /callers/{number}/flag`.</summary>
public sealed record FlagRequest(string? Reason);
