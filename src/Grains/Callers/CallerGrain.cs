using Bengkulu112.Common;
using Bengkulu112.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Callers;

public sealed partial class CallerGrain(
    [PersistentState("caller", StorageNames.Default)] IPersistentState<CallerState> state,
    IOptions<ScreeningOptions> options,
    TimeProvider time,
    ILogger<CallerGrain> logger) : Grain, ICallerGrain
{
    /// <summary>How many calls `last_calls` shows (API.md `Caller`).</summary>
    public const int LastCallsShown = 20;

    private string Number => this.GetPrimaryKeyString();
    private ScreeningOptions Options => options.Value;

    /// <summary>The number as logs show it: phone numbers are personal data (SPEC.md §3), logs are read more widely.</summary>
    private string Masked => PhoneNumberMask.Mask(Number);

    public async Task<Screening> RecordCall(Guid callId, DateTimeOffset receivedAt)
    {
        var s = state.State;
        var now = time.GetUtcNow();
        var known = s.Calls.Any(c => c.CallId == callId);
        // A repeat (the call grain retrying after a crash) answers the screening without this call, as the first time.
        var figures = CallerScreening.Evaluate(s.Calls.Where(c => c.CallId != callId), s.Flag, now, Options);
        var screening = new Screening(known ? s.TotalCalls - 1 : s.TotalCalls, figures.PrankCalls, figures.SilentCalls,
            figures.Flagged, figures.FlagReason);
        if (!known)
        {
            s.TotalCalls++;
            s.Calls = CallerScreening.Trim([.. s.Calls, new RecordedCall(callId, receivedAt, null)], now, Options);
            await state.WriteOrForgetAsync(DeactivateOnIdle);
        }
        return screening;
    }

    public async Task RecordClassification(Guid callId, Classification classification)
    {
        var s = state.State;
        var index = s.Calls.FindIndex(c => c.CallId == callId);
        if (index < 0)
        {
            // Only a call trimmed long ago (older than the window and beyond the kept calls) can be missing.
            LogUnknownCall(logger, Masked, callId);
            return;
        }
        var previous = s.Calls[index].Classification;
        if (previous == classification)
            return;
        if (previous is { } old)
            s.Counts[old] = Math.Max(0, s.Counts.GetValueOrDefault(old) - 1);
        s.Counts[classification] = s.Counts.GetValueOrDefault(classification) + 1;
        s.Calls[index] = s.Calls[index] with { Classification = classification };
        await state.WriteOrForgetAsync(DeactivateOnIdle);
    }

    public Task<CallerDetails?> Get() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

    public async Task<CallerDetails> Flag(string reason, string actor)
    {
        state.State.Flag = new SupervisorFlag(reason.Trim(), actor, time.GetUtcNow());
        await state.WriteOrForgetAsync(DeactivateOnIdle);
        LogFlagged(logger, Masked, actor);
        return ToDetails();
    }

    public async Task<CallerDetails> Unflag(string actor)
    {
        if (state.State.Flag is not null)
        {
            state.State.Flag = null;
            await state.WriteOrForgetAsync(DeactivateOnIdle);
            LogUnflagged(logger, Masked, actor);
        }
        return ToDetails();
    }

    private CallerDetails ToDetails()
    {
        var s = state.State;
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
