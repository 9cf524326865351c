using Bengkulu112.Common;
using Orleans.Concurrency;

namespace Bengkulu112.Calls;

/// <summary>One call, keyed by its id (a GUID); recorded by its caller (<see cref="Callers.ICallerGrain.RecordCall"/>).</summary>
[Alias("Bengkulu112.ICallGrain")]
public interface ICallGrain : IGrainWithGuidKey
{
    /// <summary>The call, or null when none was recorded under this id.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<CallDetails?> Get();

    /// <summary>
    /// Records a call without a number under this id (no caller grain: such calls share no screening, and an emergency
    /// line never queues them behind each other). Idempotent like <see cref="Callers.ICallerGrain.RecordCall"/>.
    /// </summary>
    [Alias("RecordWithoutNumber")]
    Task<CallResult> RecordWithoutNumber(CallIntake call, string fingerprint);

    /// <summary>Classifies the call once (a supervisor may re-classify one that did not open a ticket).</summary>
    [Alias("Classify")]
    Task<CallResult> Classify(ClassifyCommand command, Actor actor);
}
