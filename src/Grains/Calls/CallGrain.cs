using Bengkulu112.Telemetry;
using Bengkulu112.Callers;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;

namespace Bengkulu112.Calls;

/// <summary>One call: intake with the caller's screening, and its classification.</summary>
/// <remarks>
/// <para>The call's state lives in Orleans grain storage; reports read the `calls` row (<see cref="CallStore"/>). The
/// two cannot share a transaction, so each command writes the row first, as an idempotent upsert keyed by the call id
/// holding exactly the values the state is about to take, and the state last. If the state write fails, the command
/// failed for its client, and the retry (a classification is still allowed; a recording with the same
/// Idempotency-Key reaches the same id) writes the same row again and then the state: the two converge.</para>
/// <para>Until then the row may be ahead of the state, never behind it. That is the order the caller grain already
/// follows (it counts the call and its classification before the call's state is written), so a report agrees with
/// the callers' counts. A recording abandoned without retry leaves a row for a call that really reached a call
/// taker, counted as the caller grain counts it.</para>
/// </remarks>
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Default)] IPersistentState<CallState> state,
    CallStore store,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private Guid CallId => this.GetPrimaryKey();

    /// <summary>
    /// The fingerprint an emergency call opens its ticket with. With the ticket id equal to the call id, a classify
    /// retried after a crash between the ticket's write and the call's reaches the same ticket instead of a second one.
    /// </summary>
    public static string TicketFingerprint(Guid callId) => "call:" + callId;

    public async Task<CallResult> Record(CallIntake intake, string fingerprint)
    {
        if (state.RecordExists)
            return state.State.Fingerprint == fingerprint
                ? CallResult.Ok(ToDetails())
                : CallResult.Fail(TicketFailureKind.IdempotencyMismatch,
                    "This Idempotency-Key already recorded a call with a different body.");

        var screening = await GrainFactory.GetGrain<ICallerGrain>(intake.CallerNumber).RecordCall(CallId, intake.ReceivedAt);
        var s = state.State;
        s.Fingerprint = fingerprint;
        s.CallerNumber = intake.CallerNumber;
        s.ReceivedAt = intake.ReceivedAt;
        s.Channel = intake.Channel;
        s.CallTaker = intake.CallTaker;
        s.Location = intake.Location;
        s.Notes = intake.Notes;
        s.Screening = screening;
        s.RecordedAt = time.GetUtcNow();
        await WriteAsync();
        return CallResult.Ok(ToDetails(), created: true);
    }

    public Task<CallDetails?> Get() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

    public async Task<CallResult> Classify(ClassifyCommand command, Actor actor)
    {
        if (!state.RecordExists)
            return CallResult.Fail(TicketFailureKind.NotFound, $"No call with id {CallId}.");
        var errors = ClassificationRules.Validate(command);
        if (!errors.IsEmpty)
            return CallResult.Fail(TicketFailureKind.Invalid, "The classification does not fit its ticket fields.", errors);
        var s = state.State;
        if (Reclassification.Refusal(s, actor) is { } refusal)
            return CallResult.Fail(TicketFailureKind.Conflict, refusal);

        var (ticketId, opened, refused) = await ReachTicket(command, actor);
        if (refused is not null)
            return refused;

        // The caller hears first and the call is written last: if anything fails in between, the call is still
        // unclassified, so the client's retry is allowed and converges (the ticket and caller steps are idempotent).
        await GrainFactory.GetGrain<ICallerGrain>(s.CallerNumber).RecordClassification(CallId, command.Classification);

        var previous = s.Classification;
        s.Classification = command.Classification;
        s.ClassifiedAt = time.GetUtcNow();
        s.ClassifiedBy = actor.Name;
        s.TicketId = ticketId;
        s.OpenedTicket = opened;
        s.Notes = WithNote(s.Notes, command.Notes);
        await WriteAsync();
        Bengkulu112Metrics.CallClassified(command.Classification);

        if (previous is { } old)
            LogReclassified(logger, CallId, old, command.Classification, actor.Name);
        else
            LogClassified(logger, CallId, command.Classification, actor.Name);
        return CallResult.Ok(ToDetails());
    }

    /// <summary>The read-model row first, then the state (see the remarks above).</summary>
    private async Task WriteAsync()
    {
        try
        {
            await store.UpsertAsync(CallId, state.State);
        }
        catch
        {
            // The state in memory is ahead of the stored one: re-read it on the next call.
            DeactivateOnIdle();
            throw;
        }
        await state.WriteOrForgetAsync(DeactivateOnIdle);
    }

    /// <summary>Opens or links the ticket an emergency needs; nothing for other classifications.</summary>
    private async Task<(Guid? TicketId, bool Opened, CallResult? Refused)> ReachTicket(ClassifyCommand command, Actor actor)
    {
        if (command.Ticket is { } draft)
        {
            var opened = await GrainFactory.GetGrain<ITicketGrain>(CallId)
                .Open(draft with { CallIds = [CallId] }, actor, TicketFingerprint(CallId));
            return opened.Failure is { } failure ? (null, false, new CallResult(null, TicketRefusals.ForOpen(failure))) : (CallId, true, null);
        }
        if (command.LinkTicketId is { } ticketId)
        {
            var linked = await GrainFactory.GetGrain<ITicketGrain>(ticketId).LinkCall(CallId, actor);
            return linked.Failure is { } failure ? (null, false, new CallResult(null, TicketRefusals.ForLink(failure, ticketId))) : (ticketId, false, null);
        }
        return (null, false, null);
    }

    /// <summary>Notes given on classification are added to the intake notes, so neither is lost.</summary>
    private static string? WithNote(string? notes, string? note) =>
        string.IsNullOrWhiteSpace(note) ? notes
        : string.IsNullOrEmpty(notes) ? note.Trim()
        : notes + "\n\n" + note.Trim();

    private CallDetails ToDetails()
    {
        var s = state.State;
        return new CallDetails(CallId, s.CallerNumber, s.ReceivedAt, s.Channel, s.CallTaker, s.Location, s.Notes,
            s.Classification, s.ClassifiedAt, s.TicketId, s.Screening);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} classified as {Classification} by {Actor}")]
    private static partial void LogClassified(ILogger logger, Guid callId, Classification classification, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} re-classified from {Previous} to {Classification} by {Actor}")]
    private static partial void LogReclassified(ILogger logger, Guid callId, Classification previous,
        Classification classification, string actor);
}
