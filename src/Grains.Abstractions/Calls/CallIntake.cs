using Bengkulu112.Common;

namespace Bengkulu112.Calls;

/// <summary>
/// A call as recorded on intake; <see cref="CallerNumber"/> is already E.164, or null for a call without a number
/// (<see cref="CallerId"/> then says why).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.CallIntake")]
public sealed record CallIntake(
    [property: Id(0)] string? CallerNumber,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2)] Channel Channel,
    [property: Id(3)] string CallTaker,
    [property: Id(4)] Location? Location,
    [property: Id(5)] string? Notes,
    [property: Id(6)] CallerId CallerId = CallerId.Present);
