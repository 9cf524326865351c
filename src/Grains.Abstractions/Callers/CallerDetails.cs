namespace Bengkulu112.Callers;

/// <summary>A caller (API.md `Caller`): counts per classification, recent calls, and the flag.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.CallerDetails")]
public sealed record CallerDetails(
    [property: Id(0)] string Number,
    [property: Id(1)] int TotalCalls,
    [property: Id(2)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(3)] int PrankCalls30d,
    [property: Id(4)] int SilentCalls30d,
    [property: Id(5)] IReadOnlyList<CallerCall> LastCalls,
    [property: Id(6)] bool Flagged,
    [property: Id(7)] string? FlagReason,
    [property: Id(8)] string? FlaggedBy,
    [property: Id(9)] DateTimeOffset? FlaggedAt);

/// <summary>One of a caller's recent calls.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.CallerCall")]
public sealed record CallerCall(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2)] Calls.Classification? Classification);
