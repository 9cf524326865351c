using Bengkulu112.Common;
using Bengkulu112.Calls;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Callers;

/// <summary>
/// One caller: its screening, and the intake of its calls. Recording calls stores them and this caller's state with
/// them counted in one transaction (<see cref="IntakeBatcher"/>), so a call is never stored without being counted, nor
/// counted without being stored. Calls arriving while a commit is under way share the next one (group commit).
/// </summary>
/// <remarks>
/// What each write stores of the caller is small and bounded by call takers' work (<see cref="CallerState"/>: counts,
/// flag, classified calls); its recent calls are kept in memory (<see cref="RecentCalls"/>), changed by what each write
/// adds and drops, and read back from `calls` on activation. So a number that redials thousands of times costs each
/// commit its new calls, not its history.
/// </remarks>
public sealed partial class CallerGrain(
    CallerStore store,
    CallStore calls,
    IntakeBatcher batcher,
    IOptions<ScreeningOptions> options,
    TimeProvider time,
    ILogger<CallerGrain> logger) : Grain, ICallerGrain, ICallClassificationWriter
{
    /// <summary>How many calls `last_calls` shows (API.md `Caller`).</summary>
    public const int LastCallsShown = 20;

    // Replaced whole after each successful write, never changed in place: Get interleaves with the writes.
    private CallerState state = new();
    private int version;

    // The calls screening reads. Changed only after a successful write, by the change planned before it, and only
    // within the write turn; what Get reads of it between two changes is whole.
    private RecentCalls recent = new();

    // Calls waiting for a commit, in arrival order, and whether the commit loop runs. Every write of the state (a group
    // of calls, a classification, a flag) takes the write turn, so each builds on the last one committed.
    private readonly List<QueuedIntake> queued = [];
    private bool committing;
    private readonly SemaphoreSlim writeTurn = new(1, 1);

    private string Number => this.GetPrimaryKeyString();
    private ScreeningOptions Options => options.Value;

    /// <summary>The number as logs show it: phone numbers are personal data (SPEC.md §3), logs are read more widely.</summary>
    private string Masked => PhoneNumberMask.Mask(Number);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await ActivationReads.GuardAsync(store.LoadAsync(Number)) is { } stored)
        {
            recent = RecentCalls.Merge(stored.RecentCalls, stored.State.Calls);
            // Kept as every commit keeps them, so a call this activation knows is one the last one knew.
            recent.Apply(recent.Plan([], time.GetUtcNow() - Options.Window, Options.NewestKept));
            stored.State.Calls = recent.Classified();
            (state, version) = (stored.State, stored.Version);
        }
    }

    /// <summary>
    /// Queues the call; the calls queued while a commit is under way are screened one after the other in arrival order
    /// (each counting exactly the calls before it) and stored in one write (<see cref="CommitQueuedAsync"/>). The answer
    /// waits for that write's commit, so a redialling number is not held to one commit per call.
    /// </summary>
    public Task<CallResult> RecordCall(Guid callId, CallIntake call, string fingerprint)
    {
        var intake = new QueuedIntake(callId, call, fingerprint);
        queued.Add(intake);
        if (!committing)
        {
            committing = true;
            _ = CommitQueuedAsync();
        }
        return intake.Answer.Task;
    }

    /// <summary>Commits queued calls, one write per turn, until none is left. Runs on the grain's own scheduler.</summary>
    private async Task CommitQueuedAsync()
    {
        try
        {
            while (queued.Count > 0)
            {
                await writeTurn.WaitAsync();
                var group = TakeGroup();
                try
                {
                    await CommitGroupAsync(group);
                }
                catch (Exception exception)
                {
                    foreach (var intake in group)
                        intake.Answer.TrySetException(exception);
                }
                finally
                {
                    writeTurn.Release();
                }
            }
        }
        finally
        {
            committing = false;
        }
    }

    /// <summary>
    /// The oldest queued calls, up to one write's size; a call id already in the group (the same request twice at once)
    /// ends it, so the repeat is answered from the first one's outcome.
    /// </summary>
    private List<QueuedIntake> TakeGroup()
    {
        var ids = new HashSet<Guid>();
        var count = 0;
        while (count < queued.Count && count < IntakeBatcher.MaxBatch && ids.Add(queued[count].CallId))
            count++;
        var group = queued.GetRange(0, count);
        queued.RemoveRange(0, count);
        return group;
    }

    private async Task CommitGroupAsync(List<QueuedIntake> group)
    {
        var now = time.GetUtcNow();
        var next = state.Copy();
        var writes = new List<(QueuedIntake Intake, CallState Recorded)>(group.Count);
        var added = new List<RecordedCall>(group.Count);
        var screening = new ScreeningSequence(recent, next.Flag, now, Options);
        foreach (var intake in group)
        {
            // Counted already: a repeated request, answered from the stored call. Older versions wrote the caller
            // before the call, so a call may be counted but not stored: it is stored now, without counting it twice.
            var counted = recent.Contains(intake.CallId);
            if (counted && await calls.LoadAsync(intake.CallId) is { } stored)
            {
                intake.Answer.TrySetResult(Answer(intake.CallId, stored.State, intake.Fingerprint));
                continue;
            }
            var figures = counted
                ? CallerScreening.Evaluate(recent.All.Concat(added).Where(c => c.CallId != intake.CallId), next.Flag, now, Options)
                : screening.Current;
            var recorded = CallState.Recorded(intake.Call, Number, intake.Fingerprint, new Screening(
                counted ? next.TotalCalls - 1 : next.TotalCalls, figures.PrankCalls, figures.SilentCalls, figures.Flagged,
                figures.FlagReason), now);
            if (!counted)
            {
                var call = RecentCalls.NewCall(intake.CallId, intake.Call.ReceivedAt);
                next.TotalCalls++;
                added.Add(call);
                screening.Add(call.ReceivedAt);
            }
            writes.Add((intake, recorded));
        }
        if (writes.Count == 0)
            return;
        // Trimmed once for the group: a call it drops is outside the window, which screening ignores anyway.
        var change = recent.Plan(added, now - Options.Window, Options.NewestKept);
        next.Calls = recent.ClassifiedAfter(change);

        var outcome = await batcher.CommitAsync(new IntakeWrite(Number,
                [.. writes.Select(w => new IntakeCall(w.Intake.CallId, w.Recorded))], next, version + 1))
            .ForgetOnFailureAsync(DeactivateOnIdle);
        switch (outcome)
        {
            case IntakeOutcome.Recorded:
                recent.Apply(change);
                (state, version) = (next, version + 1);
                foreach (var (queuedIntake, recorded) in writes)
                    queuedIntake.Answer.TrySetResult(CallResult.Ok(recorded.ToDetails(queuedIntake.CallId), created: true));
                return;
            case IntakeOutcome.CallExists:
                await AnswerStoredAndRequeueAsync([.. writes.Select(w => w.Intake)]);
                return;
            default:
                DeactivateOnIdle();
                throw new StoredVersionConflictException("Caller", Masked, version + 1);
        }
    }

    /// <summary>
    /// Nothing of the group was written because some of its call ids are stored already (under another number's
    /// request: an Idempotency-Key reused with another body): those are answered from storage, the others go back to
    /// the head of the queue, in their order, to be screened again without them.
    /// </summary>
    private async Task AnswerStoredAndRequeueAsync(List<QueuedIntake> group)
    {
        var again = new List<QueuedIntake>();
        foreach (var intake in group)
        {
            if (await calls.LoadAsync(intake.CallId) is { } existing)
                intake.Answer.TrySetResult(Answer(intake.CallId, existing.State, intake.Fingerprint));
            else
                again.Add(intake);
        }
        if (again.Count == group.Count)
            throw new InvalidOperationException($"A call of caller {Masked} exists without a stored state.");
        queued.InsertRange(0, again);
    }

    /// <summary>A call waiting for its group's commit, and the answer its request waits for.</summary>
    private sealed record QueuedIntake(Guid CallId, CallIntake Call, string Fingerprint)
    {
        public TaskCompletionSource<CallResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// A call id already stored: the same request again answers the stored call (API.md: a repeated Idempotency-Key
    /// returns the first result); a different request under that key is refused.
    /// </summary>
    private CallResult Answer(Guid callId, CallState stored, string fingerprint) =>
        stored.Fingerprint == fingerprint && stored.CallerNumber == Number
            ? CallResult.Ok(stored.ToDetails(callId))
            : CallResult.KeyReused;

    public Task ClassifyCall(Guid callId, CallState call, int callVersion) => InWriteTurnAsync(async () =>
    {
        var classification = call.Classification
            ?? throw new ArgumentException("The call is not classified.", nameof(call));
        var next = Counted(callId, classification);
        await store.SaveWithCallAsync(Number, next, version + 1, callId, call, callVersion)
            .ForgetOnFailureAsync(DeactivateOnIdle);
        if (next is not null)
        {
            (state, version) = (next, version + 1);
            recent.Classify(callId, classification);
        }
        return true;
    });

    /// <summary>This caller's state with the call counted as <paramref name="classification"/>; null when that changes nothing.</summary>
    private CallerState? Counted(Guid callId, Classification classification)
    {
        if (recent.Find(callId) is not { } call)
        {
            // Only a call trimmed long ago (older than the window and beyond the kept calls) can be missing.
            LogUnknownCall(logger, Masked, callId);
            return null;
        }
        var previous = call.Classification;
        if (previous == classification)
            return null;
        var next = state.Copy();
        if (previous is { } old)
            next.Counts[old] = Math.Max(0, next.Counts.GetValueOrDefault(old) - 1);
        next.Counts[classification] = next.Counts.GetValueOrDefault(classification) + 1;
        next.Calls = recent.ClassifiedWith(call with { Classification = classification });
        return next;
    }

    public Task<CallerDetails?> Get() =>
        Task.FromResult(version > 0 ? ToDetails() : null);

    public Task<CallerDetails> Flag(string reason, string actor) => InWriteTurnAsync(async () =>
    {
        var next = state.Copy();
        next.Flag = new SupervisorFlag(reason.Trim(), actor, time.GetUtcNow());
        await SaveAsync(next);
        LogFlagged(logger, Masked, actor);
        return ToDetails();
    });

    public Task<CallerDetails> Unflag(string actor) => InWriteTurnAsync(async () =>
    {
        if (state.Flag is not null)
        {
            var next = state.Copy();
            next.Flag = null;
            await SaveAsync(next);
            LogUnflagged(logger, Masked, actor);
        }
        return ToDetails();
    });

    private async Task<T> InWriteTurnAsync<T>(Func<Task<T>> write)
    {
        await writeTurn.WaitAsync();
        try
        {
            return await write();
        }
        finally
        {
            writeTurn.Release();
        }
    }

    private async Task SaveAsync(CallerState next)
    {
        await store.SaveAsync(Number, next, version + 1).ForgetOnFailureAsync(DeactivateOnIdle);
        (state, version) = (next, version + 1);
    }

    private CallerDetails ToDetails()
    {
        var figures = recent.Screen(state.Flag, time.GetUtcNow(), Options);
        var counts = Enum.GetValues<Classification>()
            .ToDictionary(ClassificationCodes.Code, c => state.Counts.GetValueOrDefault(c), StringComparer.Ordinal);
        var lastCalls = recent.NewestFirst(LastCallsShown)
            .Select(c => new CallerCall(c.CallId, c.ReceivedAt, c.Classification))
            .ToList();
        return new CallerDetails(Number, state.TotalCalls, counts, figures.PrankCalls, figures.SilentCalls, lastCalls,
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
