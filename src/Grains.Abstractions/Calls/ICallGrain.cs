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

    /// <summary>Classifies the call once (a supervisor may re-classify one that did not open a ticket).</summary>
    [Alias("Classify")]
    Task<CallResult> Classify(ClassifyCommand command, Actor actor);
}
