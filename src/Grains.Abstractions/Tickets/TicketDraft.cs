using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>What a new ticket is opened with (`POST /tickets`, or an emergency call's classification).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.TicketDraft")]
public sealed record TicketDraft(
    [property: Id(0)] string Category,
    [property: Id(1)] string Description,
    [property: Id(2)] Location Location,
    [property: Id(3)] Priority? Priority,
    [property: Id(4)] string? Opd,
    [property: Id(5)] IReadOnlyList<Guid> CallIds,
    [property: Id(6)] BloodRequest? Blood);
