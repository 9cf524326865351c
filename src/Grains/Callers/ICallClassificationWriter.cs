using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>
/// The silo's side of classifying a call with a number: its caller grain counts the classification and stores the
/// call's classified state with its own in one transaction, so neither is ever written without the other.
/// </summary>
[Alias("Bengkulu112.ICallClassificationWriter")]
public interface ICallClassificationWriter : IGrainWithStringKey
{
    /// <summary>
    /// Stores <paramref name="call"/> (classified) as <paramref name="callVersion"/> over the version before, and this
    /// caller's counts with it. Throws <see cref="Common.StoredVersionConflictException"/> and changes nothing when
    /// the call is no longer at the version before.
    /// </summary>
    [Alias("ClassifyCall")]
    Task ClassifyCall(Guid callId, CallState call, int callVersion);
}
