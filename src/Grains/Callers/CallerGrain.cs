using Bengkulu112.Common;
using Bengkulu112.Calls;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Callers;

/// <summary>
/// One caller: its screening, and the intake of its calls. Recording a call stores the call and this caller's state
/// with the call counted in one transaction (<see cref="IntakeBatcher"/>), so a call is never stored without being
/// counted, nor counted without being stored.
/// </summary>
public sealed partial class CallerGrain(
    CallerStore store,
    CallStore calls,
    IntakeBatcher intake,
    IOptions<ScreeningOptions> options,
    TimeProvider time,
    ILogger<CallerGrain> logger) : Grain, ICallerGrain
{
    /// <summary>How many calls `last_calls` shows (API.md `Caller`).</summary>
    public const int LastCallsShown = 20;

    // Replaced whole after each successful write, never changed in place: Get interleaves with the writes.
    private CallerState state = new();
    private int version;

    private string Number => this.GetPrimaryKeyString();
    private ScreeningOptions Options => options.Value;

    /// <summary>The number as logs show it: phone numbers are personal data (SPEC.md §3), logs are read more widely.</summary>
    private string Masked => PhoneNumberMask.Mask(Number);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await ActivationReads.GuardAsync(store.LoadAsync(Number)) is { } stored)
            (state, version) = (stored.State, stored.Version);
    }

    public async Task<CallResult> RecordCall(Guid callId, CallIntake call, string fingerprint)
    {
        // Counted already: a repeated request, answered from the stored call. Older versions wrote the caller before
        // the call, so a call may be counted but not stored: it is stored now, without counting it twice.
        var counted = state.Calls.Any(c => c.CallId == callId);
        if (counted && await calls.LoadAsync(callId) is { } stored)
            return Answer(callId, stored.State, fingerprint);

        var now = time.GetUtcNow();
        var before = state.Calls.Where(c => c.CallId != callId);
        var figures = CallerScreening.Evaluate(before, state.Flag, now, Options);
        var recorded = CallState.Recorded(call, Number, fingerprint, new Screening(
            counted ? state.TotalCalls - 1 : state.TotalCalls, figures.PrankCalls, figures.SilentCalls, figures.Flagged,
            figures.FlagReason), now);
        var next = StoredJson.Clone(state);
        if (!counted)
        {
            next.TotalCalls++;
            next.Calls = CallerScreening.Trim([.. next.Calls, new RecordedCall(callId, call.ReceivedAt, null)], now, Options);
        }

        var outcome = await intake.CommitAsync(new IntakeWrite(callId, recorded, Number, next, version + 1))
            .ForgetOnFailureAsync(DeactivateOnIdle);
        switch (outcome)
        {
            case IntakeOutcome.Recorded:
                (state, version) = (next, version + 1);
                return CallResult.Ok(recorded.ToDetails(callId), created: true);
            case IntakeOutcome.CallExists:
                // Stored under this id by another number's request (an Idempotency-Key reused with another body).
                var existing = await calls.LoadAsync(callId)
                    ?? throw new InvalidOperationException($"Call {callId} exists without a stored state.");
                return Answer(callId, existing.State, fingerprint);
            default:
                DeactivateOnIdle();
                throw new StoredVersionConflictException("Caller", Masked, version + 1);
        }
    }

    /// <summary>
    /// A call id already stored: the same request again answers the stored call (API.md: a repeated Idempotency-Key
    /// returns the first result); a different request under that key is refused.
    /// </summary>
    private CallResult Answer(Guid callId, CallState stored, string fingerprint) =>
        stored.Fingerprint == fingerprint && stored.CallerNumber == Number
            ? CallResult.Ok(stored.ToDetails(callId))
            : CallResult.KeyReused;

    public async Task RecordClassification(Guid callId, Classification classification)
    {
        var index = state.Calls.FindIndex(c => c.CallId == callId);
        if (index < 0)
        {
            // Only a call trimmed long ago (older than the window and beyond the kept calls) can be missing.
            LogUnknownCall(logger, Masked, callId);
            return;
        }
        var previous = state.Calls[index].Classification;
        if (previous == classification)
            return;
        var next = StoredJson.Clone(state);
        if (previous is { } old)
            next.Counts[old] = Math.Max(0, next.Counts.GetValueOrDefault(old) - 1);
        next.Counts[classification] = next.Counts.GetValueOrDefault(classification) + 1;
        next.Calls[index] = next.Calls[index] with { Classification = classification };
        await SaveAsync(next);
    }

    public Task<CallerDetails?> Get() =>
        Task.FromResult(version > 0 ? ToDetails(state) : null);

    public async Task<CallerDetails> Flag(string reason, string actor)
    {
        var next = StoredJson.Clone(state);
        next.Flag = new SupervisorFlag(reason.Trim(), actor, time.GetUtcNow());
        await SaveAsync(next);
        LogFlagged(logger, Masked, actor);
        return ToDetails(next);
    }

    public async Task<CallerDetails> Unflag(string actor)
    {
        if (state.Flag is not null)
        {
            var next = StoredJson.Clone(state);
            next.Flag = null;
            await SaveAsync(next);
            LogUnflagged(logger, Masked, actor);
        }
        return ToDetails(state);
    }

    private async Task SaveAsync(CallerState next)
    {
        await store.SaveAsync(Number, next, version + 1).ForgetOnFailureAsync(DeactivateOnIdle);
        (state, version) = (next, version + 1);
    }

    private CallerDetails ToDetails(CallerState s)
    {
        var figures = CallerScreening.Evaluate(s.Calls, s.Flag, time.GetUtcNow(), Options);
        var counts = Enum.GetValues<Classification>()
            .ToDictionary(ClassificationCodes.Code, c => s.Counts.GetValueOrDefault(c), StringComparer.Ordinal);
        var lastCalls = s.Calls.OrderByDescending(c => c.ReceivedAt).Take(LastCallsShown)
            .Select(c => new CallerCall(c.CallId, c.ReceivedAt, c.Classification))
            .ToList();
        return new CallerDetails(Number, s.TotalCalls, counts, figures.PrankCalls, figures.SilentCalls, lastCalls,
            figures.Flagged, figures.FlagReason, figures.FlaggedBy, figures.FlaggedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Caller {Number} has no call {CallId} in its list; its classification is not counted")]
    private static partial void LogUnknownCall(ILogger logger, string number, Guid callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {Number} flagged by {Actor}")]
    private static partial void LogFlagged(ILogger logger, string number, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Caller {Number} unflagged by {Actor}")]
    private static partial void LogUnflagged(ILogger logger, string number, string actor);
}
