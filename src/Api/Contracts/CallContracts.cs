using System.Text.Json.Serialization;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Contracts;

/// <summary>
/// Body of `POST /calls`; `received_at` defaults to now and `channel` to `voice`; `caller_id` defaults to `present`
/// with a number (a call without one gives `caller_number: null` and `caller_id` `withheld` or `unavailable`).
/// </summary>
public sealed record CallRequest(
    string? CallerNumber,
    DateTimeOffset? ReceivedAt,
    Channel? Channel,
    Location? Location,
    string? Notes,
    CallerId? CallerId = null);

/// <summary>Body of `POST /calls/{id}/classify`.</summary>
public sealed record ClassifyRequest(
    Classification? Classification,
    string? Notes,
    TicketDraftRequest? Ticket,
    Guid? LinkTicketId);

/// <summary>The ticket an emergency call opens (`ticket` of the classify body).</summary>
public sealed record TicketDraftRequest(
    string? Category,
    string? Description,
    Location? Location,
    Priority? Priority,
    string? Opd,
    BloodRequest? Blood);

/// <summary>`Call` of API.md.</summary>
public sealed record CallResponse(
    Guid Id,
    string? CallerNumber,
    CallerId CallerId,
    DateTimeOffset ReceivedAt,
    Channel Channel,
    string CallTaker,
    Location? Location,
    string? Notes,
    Classification? Classification,
    DateTimeOffset? ClassifiedAt,
    Guid? TicketId,
    ScreeningResponse Screening)
{
    public static CallResponse From(CallDetails call) =>
        new(call.Id, call.CallerNumber, call.CallerId, call.ReceivedAt, call.Channel, call.CallTaker, call.Location, call.Notes,
            call.Classification, call.ClassifiedAt, call.TicketId, ScreeningResponse.From(call.Screening, call.CallerId));
}

/// <summary>
/// `screening` of API.md's `Call`: the caller as it was before this call; for a call without a number the counts are
/// null (there is no history to count) and it is not flagged.
/// </summary>
public sealed record ScreeningResponse(
    int? PriorCalls,
    [property: JsonPropertyName("prank_calls_30d")] int? PrankCalls30d,
    [property: JsonPropertyName("silent_calls_30d")] int? SilentCalls30d,
    bool Flagged,
    string? FlagReason)
{
    public static ScreeningResponse From(Screening s, CallerId callerId) => callerId == CallerId.Present
        ? new(s.PriorCalls, s.PrankCalls30d, s.SilentCalls30d, s.Flagged, s.FlagReason)
        : new(null, null, null, false, null);
}
