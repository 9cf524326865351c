using Bengkulu112.Calls;
using Orleans.Concurrency;

namespace Bengkulu112.Callers;

/// <summary>One caller, keyed by the E.164 phone number.</summary>
[Alias("Bengkulu112.ICallerGrain")]
public interface ICallerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a call of this number under <paramref name="callId"/>, with the screening as it was before this call.
    /// Idempotent: recording it again with the same <paramref name="fingerprint"/> answers the stored call (Created
    /// false); another fingerprint → IdempotencyMismatch. Interleaves, so calls of one number arriving together share
    /// one commit; the grain still screens and stores them one after the other, in arrival order.
    /// </summary>
    [AlwaysInterleave, Alias("RecordCall")]
    Task<CallResult> RecordCall(Guid callId, CallIntake call, string fingerprint);

    /// <summary>The caller, or null when this number never called and was never flagged.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<CallerDetails?> Get();

    [Alias("Flag")]
    Task<CallerDetails> Flag(string reason, string actor);

    [Alias("Unflag")]
    Task<CallerDetails> Unflag(string actor);
}
