using Bengkulu112.Common;

namespace Bengkulu112.Opds;

/// <summary>The outcome of creating or updating an OPD: the stored OPD, or the fields that were refused.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.OpdChangeResult")]
public sealed record OpdChangeResult(
    [property: Id(0)] OpdDetails? Opd,
    [property: Id(1)] bool Created,
    [property: Id(3)] Refusal? Failure)
{
    public static OpdChangeResult Refused(FieldErrors errors) => new(null, false, Refusal.Invalid(errors));
}
