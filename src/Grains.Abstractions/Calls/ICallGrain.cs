using Bengkulu112.Common;
using Orleans.Concurrency;

namespace Bengkulu112.Calls;

/// <summary>One call, keyed by its id (a GUID).</summary>
[Alias("Bengkulu112.ICallGrain")]
public interface ICallGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Records the call and asks the caller grain for the screening. Idempotent: recording it again with the same
    /// <paramref name="fingerprint"/> answers the stored call (Created false); another fingerprint → IdempotencyMismatch.
    /// </summary>
    [Alias("Record")]
    Task<CallResult> Record(CallIntake intake, string fingerprint);

    /// <summary>The call, or null when none was recorded under this id.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<CallDetails?> Get();

    /// <summary>Classifies the call once (a supervisor may re-classify one that did not open a ticket).</summary>
    [Alias("Classify")]
    Task<CallResult> Classify(ClassifyCommand command, Actor actor);
}
