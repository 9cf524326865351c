using Bengkulu112.Common;

namespace Bengkulu112.Calls;

/// <summary>A call as API.md's `Call` shows it.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.CallDetails")]
public sealed record CallDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? CallerNumber,
    [property: Id(2)] DateTimeOffset ReceivedAt,
    [property: Id(3)] Channel Channel,
    [property: Id(4)] string CallTaker,
    [property: Id(5)] Location? Location,
    [property: Id(6)] string? Notes,
    [property: Id(7)] Classification? Classification,
    [property: Id(8)] DateTimeOffset? ClassifiedAt,
    [property: Id(9)] Guid? TicketId,
    [property: Id(10)] Screening Screening,
    [property: Id(11)] CallerId CallerId = CallerId.Present);
