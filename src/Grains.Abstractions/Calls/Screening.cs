namespace Bengkulu112.Calls;

/// <summary>What the call taker learns about a caller on intake (SPEC.md §2 Calls and callers).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.Screening")]
public sealed record Screening(
    [property: Id(0)] int PriorCalls,
    [property: Id(1)] int PrankCalls30d,
    [property: Id(2)] int SilentCalls30d,
    [property: Id(3)] bool Flagged,
    [property: Id(4)] string? FlagReason);
