using Bengkulu112.Common;

namespace Bengkulu112.Calls;

/// <summary>The call after a request, or why it was refused (nothing changed then).</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.CallResult")]
public sealed record CallResult(
    [property: Id(0)] CallDetails? Call,
    [property: Id(1)] Refusal? Failure,
    [property: Id(2)] bool Created = false)
{
    public static CallResult Ok(CallDetails call, bool created = false) => new(call, null, created);
    public static CallResult Fail(Refusal failure) => new(null, failure);

    /// <summary>An Idempotency-Key that already recorded another call.</summary>
    public static CallResult KeyReused { get; } =
        Fail(Refusal.IdempotencyMismatch("This Idempotency-Key already recorded a call with a different body."));
}
