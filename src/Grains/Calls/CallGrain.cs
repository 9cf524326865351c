using Bengkulu112.Telemetry;
using Bengkulu112.Callers;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;

namespace Bengkulu112.Calls;

/// <summary>One call: its classification, and reading it. Calls are recorded by their caller's grain
/// (<see cref="ICallerGrain.RecordCall"/>), which stores the call together with the caller's screening.</summary>
/// <remarks>The call's state is its `calls` row (<see cref="CallStore"/>): the state and the read-model columns reports
/// query are written by one statement, so the two never disagree.</remarks>
public sealed partial class CallGrain(
    CallStore store,
    IntakeBatcher intake,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    // Read when first needed (a call that does not exist yet is read again each time), then replaced whole after each
    // successful write, never changed in place: Get interleaves with Classify.
    private CallStore.Stored? stored;

    private Guid CallId => this.GetPrimaryKey();

    /// <summary>
    /// The fingerprint an emergency call opens its ticket with. With the ticket id equal to the call id, a classify
    /// retried after a crash between the ticket's write and the call's reaches the same ticket instead of a second one.
    /// </summary>
    public static string TicketFingerprint(Guid callId) => "call:" + callId;

    public async Task<CallDetails?> Get() => (await LoadAsync())?.State.ToDetails(CallId);

    public async Task<CallResult> RecordWithoutNumber(CallIntake call, string fingerprint)
    {
        if (call.CallerNumber is not null || call.CallerId == CallerId.Present)
            return CallResult.Fail(Refusal.Invalid(null, "A call with a number is recorded by its caller."));
        if (await LoadAsync() is { } existing)
            return Answer(existing.State, fingerprint);

        var now = time.GetUtcNow();
        var recorded = CallState.Recorded(call, null, fingerprint, NoScreening, now);
        // Shares a commit with the intakes of other calls (IntakeBatcher): calls without a number each have their own
        // grain, so none waits behind another, and none holds the disk to one flush per call.
        if (await intake.CommitAsync(IntakeWrite.WithoutNumber(CallId, recorded)) != IntakeOutcome.Recorded)
        {
            // Stored by an earlier attempt whose answer was lost, or under this id by another request.
            stored = null;
            return await LoadAsync() is { } first ? Answer(first.State, fingerprint)
                : throw new InvalidOperationException($"Call {CallId} exists without a stored state.");
        }
        stored = new CallStore.Stored(recorded, 1);
        return CallResult.Ok(recorded.ToDetails(CallId), created: true);
    }

    /// <summary>A call without a number has no screening history (API.md "Calls without a number").</summary>
    private static readonly Screening NoScreening = new(0, 0, 0, false, null);

    private CallResult Answer(CallState existing, string fingerprint) =>
        existing.Fingerprint == fingerprint
            ? CallResult.Ok(existing.ToDetails(CallId))
            : CallResult.KeyReused;

    public async Task<CallResult> Classify(ClassifyCommand command, Actor actor)
    {
        // A ticket to open activates by reading its row: that read runs beside the call's own instead of after it.
        if (command.Ticket is not null)
            _ = WarmAsync(GrainFactory.GetGrain<ITicketGrain>(CallId));
        if (await LoadAsync() is not { } current)
            return CallResult.Fail(Refusal.NotFound($"No call with id {CallId}."));
        var errors = ClassificationRules.Validate(command);
        if (!errors.IsEmpty)
            return CallResult.Fail(Refusal.Invalid(errors, "The classification does not fit its ticket fields."));
        if (Reclassification.Refusal(current.State, actor) is { } refusal)
            return CallResult.Fail(Refusal.Conflict(refusal));

        var (ticketId, opened, refused) = await ReachTicket(command, actor);
        if (refused is not null)
            return refused;

        // The ticket step is idempotent and the call is written after it, with its caller's counts in one transaction:
        // if anything fails, the call is still unclassified and uncounted, so the client's retry is allowed and converges.
        var next = StoredJson.Clone(current.State);
        var previous = next.Classification;
        next.Classification = command.Classification;
        next.ClassifiedAt = time.GetUtcNow();
        next.ClassifiedBy = actor.Name;
        next.TicketId = ticketId;
        next.OpenedTicket = opened;
        next.Notes = WithNote(next.Notes, command.Notes);
        var written = next.CallerNumber is { } number
            ? GrainFactory.GetGrain<ICallClassificationWriter>(number).ClassifyCall(CallId, next, current.Version + 1)
            : store.UpdateAsync(CallId, next, current.Version + 1);
        await written.ForgetOnFailureAsync(() => stored = null);
        stored = new CallStore.Stored(next, current.Version + 1);
        Bengkulu112Metrics.CallClassified(command.Classification);

        if (previous is { } old)
            LogReclassified(logger, CallId, old, command.Classification, actor.Name);
        else
            LogClassified(logger, CallId, command.Classification, actor.Name);
        return CallResult.Ok(next.ToDetails(CallId));
    }

    /// <summary>Activates <paramref name="ticket"/> ahead of its command; a failure here is the command's to report.</summary>
    private static async Task WarmAsync(ITicketGrain ticket)
    {
        try
        {
            await ticket.Wake();
        }
        catch (Exception)
        {
            // The Open that follows meets the same failure and answers it.
        }
    }

    private async Task<CallStore.Stored?> LoadAsync()
    {
        if (stored is not null)
            return stored;
        var loaded = await store.LoadAsync(CallId);
        // An interleaved Classify may have written while this read: its state is the newer one.
        return stored ??= loaded;
    }

    /// <summary>Opens or links the ticket an emergency needs; nothing for other classifications.</summary>
    private async Task<(Guid? TicketId, bool Opened, CallResult? Refused)> ReachTicket(ClassifyCommand command, Actor actor)
    {
        if (command.Ticket is { } draft)
        {
            var opened = await GrainFactory.GetGrain<ITicketGrain>(CallId)
                .Open(draft with { CallIds = [CallId] }, actor, TicketFingerprint(CallId));
            return opened.Failure is { } failure ? (null, false, CallResult.Fail(TicketRefusals.ForOpen(failure))) : (CallId, true, null);
        }
        if (command.LinkTicketId is { } ticketId)
        {
            var linked = await GrainFactory.GetGrain<ITicketGrain>(ticketId).LinkCall(CallId, actor);
            return linked.Failure is { } failure ? (null, false, CallResult.Fail(TicketRefusals.ForLink(failure, ticketId))) : (ticketId, false, null);
        }
        return (null, false, null);
    }

    /// <summary>Notes given on classification are added to the intake notes, so neither is lost.</summary>
    private static string? WithNote(string? notes, string? note) =>
        string.IsNullOrWhiteSpace(note) ? notes
        : string.IsNullOrEmpty(notes) ? note.Trim()
        : notes + "\n\n" + note.Trim();

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} classified as {Classification} by {Actor}")]
    private static partial void LogClassified(ILogger logger, Guid callId, Classification classification, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} re-classified from {Previous} to {Classification} by {Actor}")]
    private static partial void LogReclassified(ILogger logger, Guid callId, Classification previous,
        Classification classification, string actor);
}
