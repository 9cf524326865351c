using Bengkulu112.Alerts;
using Bengkulu112.Telemetry;
using Bengkulu112.Common;
using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Tickets;

/// <summary>
/// One ticket. Its commands are serialised by the grain; each is checked against the state machine and the caller's
/// rights, applied to a copy of the state and committed (state, read model and event in one transaction) before the
/// grain's own state moves on: a refused or failed command changes nothing.
/// </summary>
/// <remarks>
/// An idle ticket is deactivated after <see cref="IdleMinutes"/>, not Orleans' default 15: a ticket is busy for minutes
/// and then waits hours for its next step, and its reminder wakes it ahead of each clock point
/// (<see cref="TicketReminderPlan"/>). Only the tickets at work hold memory, so clock timers do not wait behind
/// collections of a heap holding every open ticket.
/// </remarks>
[CollectionAgeLimit(Minutes = IdleMinutes)]
public sealed partial class TicketGrain(TicketStore store, TicketTimelineStore timeline, TimeProvider time,
    IOptions<TicketClockOptions> clockOptions, IOptions<TicketOptions> ticketOptions, IOptions<NoteLimitOptions> noteLimits,
    ILogger<TicketGrain> logger)
    : Grain, ITicketGrain, IRemindable
{
    private const string ClockReminder = "clock";

    /// <summary>Minutes without a call after which the ticket is deactivated (its reminder wakes it for its clock).</summary>
    public const int IdleMinutes = 2;

    /// <summary>A clock point that could not be stored (PostgreSQL away) is tried again this soon, not at the next reminder tick.</summary>
    private static readonly TimeSpan ClockRetryDelay = TimeSpan.FromSeconds(5);

    private TicketState? _ticket;

    /// <summary>The JSON stored for <see cref="_ticket"/>: a command's copy is read from it, not serialized again.</summary>
    private string? _ticketJson;
    private int _publishedVersion;
    private int _markedVersion;
    private IGrainTimer? _clockTimer;
    // When the registered reminder first ticks, as far as this activation knows (at or before now: it has ticked and
    // ticks every period); null: none registered. Registrations and removals run one after the other (never throw).
    private DateTimeOffset? _reminderFirstTick;
    private Task _reminderWrite = Task.CompletedTask;
    private bool _reloadBeforeChange;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await ActivationReads.GuardAsync(store.LoadAsync(this.GetPrimaryKey())) is { } stored)
        {
            (_ticket, _ticketJson) = (stored.State, StoredJson.Serialize(stored.State));
            _publishedVersion = _markedVersion = stored.PublishedVersion;
            if (_publishedVersion < _ticket.Version)
                await RepublishAsync();
            _reminderFirstTick = await this.GetReminder(ClockReminder) is null ? null : AssumedFirstTick(_ticket);
            await ArmClockAsync();
        }
    }

    /// <summary>A reminder write still running behind an answer lands before the activation goes.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _reminderWrite;

    public async Task<TicketResult> Open(TicketDraft draft, Actor actor, string fingerprint)
    {
        await ReloadIfForgottenAsync();
        if (_ticket is { } existing)
            return TicketDecisions.Reopened(existing, fingerprint);

        var errors = TicketDraftValidator.Validate(draft);
        if (!errors.IsEmpty)
            return TicketDecisions.Invalid(errors);
        var rule = await Routing.Get(draft.Category);
        var opd = draft.Opd ?? rule.PrimaryOpd;
        if (opd is null)
            errors.Add("opd", $"is required: category '{draft.Category}' has no primary OPD");
        else
            await CheckOpdAsync(opd, "opd", errors);
        if (!errors.IsEmpty)
            return TicketDecisions.Invalid(errors);

        var now = Now();
        var number = await GrainFactory.GetGrain<ITicketNumberGrain>(0).Next(TimeZoneInfo.ConvertTime(now, ticketOptions.Value.Zone).Year);
        var ticket = TicketDecisions.Create(this.GetPrimaryKey(), number, draft, rule, opd!, actor, fingerprint, now);
        await CommitAsync(ticket, TimelineKinds.Created);
        return TicketResult.Ok(ticket.ToDetails(), created: true);
    }

    public Task<TicketResult> Get(Actor viewer) =>
        Task.FromResult(Visible(viewer) is { } failure ? TicketResult.Fail(failure) : TicketResult.Ok(_ticket!.ToDetails()));

    public async Task<TimelineResult> GetTimeline(Actor viewer, int after, int limit)
    {
        if (Visible(viewer) is { } failure)
            return new TimelineResult(null, failure);
        var page = await timeline.PageAsync(this.GetPrimaryKey(), Math.Max(0, after), Math.Max(1, limit));
        return new TimelineResult(page.Entries, null, page.NextAfter);
    }

    public async Task<TicketResult> Apply(TicketCommand command, Actor actor)
    {
        await ReloadIfForgottenAsync();
        if (Visible(actor) is { } hidden)
            return TicketResult.Fail(hidden);
        var (plan, refusal) = TicketDecisions.Plan(_ticket!, command, actor);
        if (refusal is not null)
            return TicketResult.Fail(refusal);
        if (plan!.Opd is { } opd)
            await CheckOpdAsync(opd, "opd", plan.Errors);
        if (!plan.Errors.IsEmpty)
            return TicketDecisions.Invalid(plan.Errors);

        var rule = plan.TakesOpd ? await Routing.Get(_ticket!.Category) : null;
        var ticket = Copy();
        var kind = TicketDecisions.Apply(ticket, plan, actor, rule, Now());
        await CommitAsync(ticket, kind);
        return TicketResult.Ok(ticket.ToDetails());
    }

    public async Task<NoteResult> AddNote(string text, Actor actor, string? idempotencyKey)
    {
        await ReloadIfForgottenAsync();
        if (Visible(actor) is { } hidden)
            return new NoteResult(null, hidden);
        var noteKey = TicketDecisions.NoteKey(actor, idempotencyKey);
        if (noteKey is not null && await timeline.NoteByKeyAsync(_ticket!.Id, noteKey) is { } first)
            return TicketDecisions.Repeated(first, text, _ticket.Version);
        if (TicketDecisions.CheckNote(text) is { } refused)
            return refused;
        var now = Now();
        var limits = noteLimits.Value;
        var limited = NoteLimits.PerTicket(_ticket!.NoteCount, limits)
            ?? NoteLimits.PerPerson(await timeline.RecentNotesAsync(actor.Name, NoteLimits.WindowStart(now),
                limits.MaxPerPersonPerMinute), now, limits);
        if (limited is not null)
            return new NoteResult(null, limited);

        var ticket = Copy();
        var entry = TicketDecisions.AddNote(ticket, text, actor, noteKey, now);
        await CommitAsync(ticket, TimelineKinds.Note);
        return new NoteResult(entry, null, ticket.Version);
    }

    public async Task<TicketResult> LinkCall(Guid callId, Actor actor)
    {
        await ReloadIfForgottenAsync();
        if (Visible(actor) is { } hidden)
            return TicketResult.Fail(hidden);
        var current = _ticket!;
        if (current.CallIds.Contains(callId))
            return TicketResult.Ok(current.ToDetails());
        if (TicketDecisions.CanLinkCall(current) is { } refused)
            return TicketResult.Fail(refused);
        var ticket = Copy();
        TicketDecisions.LinkCall(ticket, callId, actor, Now());
        await CommitAsync(ticket, TimelineKinds.CallLinked);
        return TicketResult.Ok(ticket.ToDetails());
    }

    /// <summary>The time, to the microsecond PostgreSQL keeps: the ticket and its list row show the same instants.</summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    private IRoutingGrain Routing => GrainFactory.GetGrain<IRoutingGrain>(IRoutingGrain.Key);

    private async Task CheckOpdAsync(string opd, string field, FieldErrors errors)
    {
        if (!OpdCode.IsValid(opd))
        {
            errors.Add(field, "is not a valid OPD code");
            return;
        }
        var details = await GrainFactory.GetGrain<IOpdGrain>(opd).Get();
        if (details is null)
            errors.Add(field, $"no OPD with code '{opd}'");
        else if (!details.Active)
            errors.Add(field, $"OPD '{opd}' is not active");
    }

    /// <summary>A deep copy of the ticket for a command to change, so a refused or failed write leaves it untouched.</summary>
    private TicketState Copy() => StoredJson.Deserialize<TicketState>(_ticketJson!);

    private Refusal? Visible(Actor viewer) => TicketDecisions.Visible(_ticket, this.GetPrimaryKey(), viewer);

    /// <summary>Stores <paramref name="ticket"/> as the next version (one per command, however many entries it added).</summary>
    private async Task CommitAsync(TicketState ticket, string kind, IReadOnlyList<AlertToRaise>? alerts = null)
    {
        ticket.Version = (_ticket?.Version ?? 0) + 1;
        // Stored although the answer was lost, or another activation wrote first (a cluster split): either way the
        // next change starts from what is stored. The clock stays armed meanwhile, so it retries soon.
        var json = StoredJson.Serialize(ticket);
        var saving = store.SaveSerializedAsync(ticket, json, kind, alerts).ForgetOnFailureAsync(() => _reloadBeforeChange = true);
        await RegisterAheadAsync(ticket);
        var eventId = await saving;
        Bengkulu112Metrics.TicketCommitted(_ticket?.Status, ticket.Status);
        (_ticket, _ticketJson) = (ticket, json);
        await PublishAsync(eventId);
        await ArmClockAsync();
    }

    /// <summary>After a failed write, reads the ticket again: what this activation holds may be behind storage.</summary>
    private async Task ReloadIfForgottenAsync()
    {
        if (!_reloadBeforeChange)
            return;
        if (await store.LoadAsync(this.GetPrimaryKey()) is { } stored)
            (_ticket, _ticketJson, _publishedVersion, _markedVersion) =
                (stored.State, StoredJson.Serialize(stored.State), stored.PublishedVersion, stored.PublishedVersion);
        _reloadBeforeChange = false;
    }

    private async Task RepublishAsync()
    {
        if (await store.EventIdAsync(_ticket!.Id, _ticket.Version) is { } eventId)
            await PublishAsync(eventId);
    }

    /// <summary>
    /// Best effort after the commit: a failure is logged and retried by the outbox sweep (published_version stays behind).
    /// The OPD streams hear the change within the command's turn, so they hear a ticket's versions in order; noting that
    /// in `published_version` is left to run behind the answer (<see cref="MarkPublishedAsync"/>), as it only spares the
    /// sweep a repeated push.
    /// </summary>
    private async Task PublishAsync(long eventId)
    {
        var ticket = _ticket!;
        try
        {
            await TicketPublisher.PublishAsync(this.GetStreamProvider(TicketStreams.Provider), ticket, eventId);
            _publishedVersion = ticket.Version;
        }
        catch (Exception e)
        {
            LogPublishFailed(logger, e, ticket.Number, ticket.Version);
            return;
        }
        _ = MarkPublishedAsync(ticket.Id, ticket.Version);
    }

    /// <summary>Notes in storage that the streams heard <paramref name="version"/>; a failure leaves it to the sweep.</summary>
    private async Task MarkPublishedAsync(Guid id, int version)
    {
        try
        {
            await store.MarkPublishedAsync(id, version);
            _markedVersion = Math.Max(_markedVersion, version);
        }
        catch (Exception e)
        {
            LogMarkFailed(logger, e, _ticket?.Number, version);
        }
    }

    /// <summary>
    /// Invoked by the outbox sweep for a ticket whose latest change may not have reached the OPDs: pushes it again, or,
    /// when it was pushed but noting so failed, notes it again.
    /// </summary>
    public Task Republish() =>
        _ticket is null ? Task.CompletedTask
        : _publishedVersion < _ticket.Version ? RepublishAsync()
        : _markedVersion < _publishedVersion ? MarkPublishedAsync(_ticket.Id, _publishedVersion)
        : Task.CompletedTask;

    public Task Wake() => Task.CompletedTask; // activation arms the clock

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _reminderFirstTick = time.GetUtcNow(); // it ticked, so it exists and ticks every period from here
        return OnClockAsync();
    }

    /// <summary>
    /// A reminder found registered on activation ticks in time for the ticket's next point: every registration made
    /// sure of that (<see cref="TicketReminderPlan.TickNeededBy"/>).
    /// </summary>
    private DateTimeOffset AssumedFirstTick(TicketState ticket)
    {
        var now = time.GetUtcNow();
        return TicketClock.NextDue(ticket) is { } next
            ? TicketReminderPlan.TickNeededBy(next, now, clockOptions.Value.BackstopPeriod, clockOptions.Value.WakeAhead)
            : now;
    }

    private ReminderChange PlanReminder(TicketState? ticket) =>
        TicketReminderPlan.Decide(_reminderFirstTick, ticket is null ? null : TicketClock.NextDue(ticket), time.GetUtcNow(),
            clockOptions.Value.BackstopPeriod, clockOptions.Value.WakeAhead);

    /// <summary>
    /// Registers the durable reminder a version needs sooner than the registered one ticks while that version is being
    /// written, so the command waits for one round of writes, not two. Only ever brings the reminder forward: one left
    /// early by a write that then failed is harmless (its tick finds nothing due and moves it on). A failure here is
    /// left to <see cref="ArmClockAsync"/>, which tries again after the commit.
    /// </summary>
    private async Task RegisterAheadAsync(TicketState next)
    {
        // Decided on what the writes still running will have left (their effect is believed when they start).
        if (PlanReminder(next) is not { Step: ReminderStep.Register } change)
            return;
        try
        {
            await RegisterReminderAsync(change.DueTime);
        }
        catch (Exception e)
        {
            LogReminderAheadFailed(logger, e, next.Number);
        }
    }

    private async Task RegisterReminderAsync(TimeSpan dueTime)
    {
        await _reminderWrite; // never throws; a write still running would otherwise land after this one
        var firstTick = time.GetUtcNow() + dueTime;
        await this.RegisterOrUpdateReminder(ClockReminder, dueTime, clockOptions.Value.BackstopPeriod);
        _reminderFirstTick = firstTick;
    }

    /// <summary>
    /// Moves a reminder that ticks every period on to the next point, behind the answer. Should it fail, the reminder
    /// keeps ticking every period (in time, only more often) and its next tick tries again.
    /// </summary>
    private async Task PostponeReminderAsync(TimeSpan dueTime, Task previous)
    {
        await previous;
        try
        {
            await this.RegisterOrUpdateReminder(ClockReminder, dueTime, clockOptions.Value.BackstopPeriod);
        }
        catch (Exception e)
        {
            LogPostponeFailed(logger, e, _ticket?.Number);
        }
    }

    /// <summary>
    /// Removes the reminder of a ticket without pending clock points behind the answer. Should it fail, the reminder
    /// ticks once more, finds nothing due and is removed then (<see cref="ReceiveReminder"/>).
    /// </summary>
    private async Task UnregisterReminderAsync(Task previous)
    {
        await previous;
        try
        {
            if (await this.GetReminder(ClockReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            LogUnregisterFailed(logger, e, _ticket?.Number);
        }
    }

    /// <summary>
    /// Arms a grain timer for the next clock point, and keeps the durable reminder ticking in time for it while any point
    /// is pending (<see cref="TicketReminderPlan"/>).
    /// </summary>
    private async Task ArmClockAsync()
    {
        _clockTimer?.Dispose();
        _clockTimer = null;
        if (_ticket is not null && TicketClock.NextDue(_ticket) is { } next)
        {
            var wait = next - time.GetUtcNow();
            ArmTimer(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            Bengkulu112Metrics.ClockArmed();
        }
        var change = PlanReminder(_ticket);
        switch (change.Step)
        {
            case ReminderStep.Register:
                await RegisterReminderAsync(change.DueTime);
                break;
            case ReminderStep.Postpone:
                // Believed at once: a registration needed sooner, made before this one lands, is chained after it.
                _reminderFirstTick = time.GetUtcNow() + change.DueTime;
                _reminderWrite = PostponeReminderAsync(change.DueTime, _reminderWrite);
                break;
            case ReminderStep.Remove:
                _reminderFirstTick = null;
                _reminderWrite = UnregisterReminderAsync(_reminderWrite);
                break;
        }
    }

    /// <summary>
    /// Acts on every clock point that is due. A failure (PostgreSQL restarting) is retried in a few seconds; the
    /// reminder's next tick retries it too, should this activation go.
    /// </summary>
    private async Task OnClockAsync()
    {
        try
        {
            await ActOnDuePointsAsync();
        }
        catch (Exception e)
        {
            LogClockFailed(logger, e, _ticket?.Number);
            _clockTimer?.Dispose();
            ArmTimer(ClockRetryDelay);
            throw;
        }
    }

    private void ArmTimer(TimeSpan due) =>
        _clockTimer = this.RegisterGrainTimer(OnClockAsync, new GrainTimerCreationOptions
        {
            DueTime = due,
            Period = Timeout.InfiniteTimeSpan,
        });

    /// <summary>Acts on every clock point that is due; each point acts once (its key is stored with the change).</summary>
    private async Task ActOnDuePointsAsync()
    {
        await ReloadIfForgottenAsync();
        if (_ticket is null)
            return;
        var now = Now();
        var due = TicketClock.Due(_ticket, now);
        if (due.Count == 0)
        {
            await ArmClockAsync();
            return;
        }
        var ticket = Copy();
        var backup = TicketClock.OffersToBackup(due) ? await ActiveBackupAsync(ticket.Opd) : null;
        var alerts = TicketClock.Act(ticket, due, backup, now);
        await CommitAsync(ticket, TimelineKinds.SlaBreached, alerts);
        Bengkulu112Metrics.ClockFired(due);
    }

    /// <summary>The backup of <paramref name="opd"/> when it names one that is active.</summary>
    private async Task<string?> ActiveBackupAsync(string? opd)
    {
        if (opd is null || await GrainFactory.GetGrain<IOpdGrain>(opd).Get() is not { BackupOpd: { } backup })
            return null;
        return await GrainFactory.GetGrain<IOpdGrain>(backup).Get() is { Active: true } ? backup : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket {Number}: acting on its clock failed; the reminder retries")]
    private static partial void LogClockFailed(ILogger logger, Exception exception, string? number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number} v{Version} committed but not yet pushed to the OPD streams; the outbox sweep retries")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string number, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number}: registering its reminder beside the write failed; tried again after it")]
    private static partial void LogReminderAheadFailed(ILogger logger, Exception exception, string number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number}: moving its reminder on to the next deadline failed; it ticks every period until its next tick moves it")]
    private static partial void LogPostponeFailed(ILogger logger, Exception exception, string? number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number}: removing its reminder failed; its next tick removes it")]
    private static partial void LogUnregisterFailed(ILogger logger, Exception exception, string? number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number} v{Version} pushed to the OPD streams but not noted as such; the outbox sweep notes it")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string? number, int version);
}
