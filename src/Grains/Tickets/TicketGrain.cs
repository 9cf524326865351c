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
public sealed partial class TicketGrain(TicketStore store, TimeProvider time, IOptions<TicketClockOptions> clockOptions,
    ILogger<TicketGrain> logger)
    : Grain, ITicketGrain, IRemindable
{
    private const string ClockReminder = "clock";

    /// <summary>Bengkulu is on WIB (UTC+7): a ticket's number year is the local year.</summary>
    private static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);

    /// <summary>A clock point that could not be stored (PostgreSQL away) is tried again this soon, not at the next reminder tick.</summary>
    private static readonly TimeSpan ClockRetryDelay = TimeSpan.FromSeconds(5);

    private TicketState? _ticket;
    private int _publishedVersion;
    private IGrainTimer? _clockTimer;
    private bool _reminderRegistered;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (await ActivationReads.GuardAsync(store.LoadAsync(this.GetPrimaryKey())) is { } stored)
        {
            _ticket = stored.State;
            _publishedVersion = stored.PublishedVersion;
            if (_publishedVersion < _ticket.Version)
                await RepublishAsync();
            _reminderRegistered = await this.GetReminder(ClockReminder) is not null;
            await ArmClockAsync();
        }
    }

    public async Task<TicketResult> Open(TicketDraft draft, Actor actor, string fingerprint)
    {
        if (_ticket is { } existing)
        {
            return existing.OpenFingerprint == fingerprint
                ? TicketResult.Ok(existing.ToDetails())
                : Fail(TicketFailureKind.IdempotencyMismatch,
                    "This Idempotency-Key was already used to open a ticket with a different request.");
        }

        var errors = TicketDraftValidator.Validate(draft);
        if (!errors.IsEmpty)
            return Invalid(errors);
        var rule = await Routing.Get(draft.Category);
        var opd = draft.Opd ?? rule.PrimaryOpd;
        if (opd is null)
            errors.Add("opd", $"is required: category '{draft.Category}' has no primary OPD");
        else
            await CheckOpdAsync(opd, "opd", errors);
        if (!errors.IsEmpty)
            return Invalid(errors);

        var now = Now();
        var number = await GrainFactory.GetGrain<ITicketNumberGrain>(0).Next(now.ToOffset(LocalOffset).Year);
        var ticket = new TicketState
        {
            Id = this.GetPrimaryKey(),
            Number = number,
            Category = draft.Category,
            Priority = draft.Priority ?? rule.Priority,
            Status = TicketStatus.Open,
            Description = draft.Description.Trim(),
            Location = LocationValidator.Normalize(draft.Location)!,
            Blood = draft.Blood is { } b ? b with { Hospital = b.Hospital.Trim() } : null,
            CallIds = [.. draft.CallIds],
            Opd = opd,
            SupportingOpds = [.. rule.SupportingOpds.Where(s => s != opd)],
            CreatedAt = now,
            CreatedBy = actor.Name,
            OpenFingerprint = fingerprint,
        };
        Record(ticket, actor, TimelineKinds.Created, null, TicketStatus.Open, opd, null, now);
        await CommitAsync(ticket, TimelineKinds.Created);
        return TicketResult.Ok(ticket.ToDetails(), created: true);
    }

    public Task<TicketResult> Get(Actor viewer) =>
        Task.FromResult(Visible(viewer) is { } failure ? TicketResult.Fail(failure) : TicketResult.Ok(_ticket!.ToDetails()));

    public Task<TimelineResult> GetTimeline(Actor viewer) =>
        Task.FromResult(Visible(viewer) is { } failure
            ? new TimelineResult(null, failure)
            : new TimelineResult([.. _ticket!.Timeline], null));

    public async Task<TicketResult> Apply(TicketCommand command, Actor actor)
    {
        if (Visible(actor) is { } hidden)
            return TicketResult.Fail(hidden);
        var current = _ticket!;
        if (command.ExpectedVersion is { } expected && expected != current.Version)
            return TicketResult.Fail(new TicketFailure(TicketFailureKind.PreconditionFailed,
                $"If-Match names version {expected}; the ticket is at version {current.Version}.",
                CurrentVersion: current.Version));

        var transition = command.Transition == TicketTransition.Escalate && current.Status == TicketStatus.Acknowledged
            ? TicketTransition.Reescalate
            : command.Transition;
        var takeover = actor.IsOpd && transition == TicketTransition.Acknowledge && current.OfferedTo.Contains(actor.Opd!)
            && current.Opd != actor.Opd;
        if (actor.IsOpd && current.Opd != actor.Opd && !takeover)
            return Fail(TicketFailureKind.Forbidden, $"Only the ticket's primary OPD ({current.Opd}) may do this.");
        if (TicketStateMachine.Next(current.Status, transition) is not { } next)
        {
            return TicketResult.Fail(new TicketFailure(TicketFailureKind.Conflict,
                $"A ticket that is {current.Status.Code()} cannot be {Verb(command.Transition)}.",
                CurrentStatus: current.Status, CurrentVersion: current.Version));
        }

        var errors = new FieldErrors();
        var text = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
        if (TicketCommandRules.RequiredText(transition) is { } field && text is null)
            errors.Add(field, "is required");
        if (text is { Length: > TicketCommandRules.MaxTextLength })
            errors.Add(TicketCommandRules.RequiredText(transition) ?? "note", $"must be at most {TicketCommandRules.MaxTextLength} characters");
        if (command.Opd is not null && !TicketCommandRules.TakesOpd(transition))
            errors.Add("opd", "only escalate names an OPD");

        var now = Now();
        var ticket = TicketJson.Clone(current);
        string? opd = ticket.Opd;
        if (TicketCommandRules.TakesOpd(transition))
        {
            opd = command.Opd ?? ticket.Opd;
            if (opd is null)
                errors.Add("opd", "is required: the ticket has no OPD yet");
            else
                await CheckOpdAsync(opd, "opd", errors);
            if (!errors.IsEmpty)
                return Invalid(errors);
            await EscalateAsync(ticket, transition, opd!, now);
        }
        else if (!errors.IsEmpty)
        {
            return Invalid(errors);
        }

        switch (transition)
        {
            case TicketTransition.Acknowledge:
                ticket.AcknowledgedAt = now;
                if (takeover)
                    TakeOver(ticket, actor.Opd!);
                break;
            case TicketTransition.OnScene: ticket.OnSceneAt = now; break;
            case TicketTransition.Resolve: ticket.ResolvedAt = now; break;
            case TicketTransition.Close: ticket.ClosedAt = now; break;
            case TicketTransition.Cancel: ticket.CancelledAt = now; break;
            case TicketTransition.Reject: ticket.Deadlines = null; break;
        }
        var kind = TicketCommandRules.TimelineKind(transition);
        Record(ticket, actor, kind, current.Status, next, actor.Opd ?? opd, text, now);
        ticket.Status = next;
        await CommitAsync(ticket, kind);
        return TicketResult.Ok(ticket.ToDetails());
    }

    public async Task<NoteResult> AddNote(string text, Actor actor, string? idempotencyKey)
    {
        if (Visible(actor) is { } hidden)
            return new NoteResult(null, hidden);
        var current = _ticket!;
        var noteKey = idempotencyKey is null ? null : $"{actor.Name}\n{idempotencyKey}";
        var clean = text?.Trim() ?? "";
        if (noteKey is not null && current.NoteKeys.TryGetValue(noteKey, out var index))
        {
            var first = current.Timeline[index];
            return first.Text == clean
                ? new NoteResult(first, null, current.Version)
                : new NoteResult(null, new TicketFailure(TicketFailureKind.IdempotencyMismatch,
                    "This Idempotency-Key was already used for a note with a different text."));
        }
        var errors = new FieldErrors();
        if (clean.Length == 0)
            errors.Add("text", "is required");
        else if (clean.Length > TicketCommandRules.MaxTextLength)
            errors.Add("text", $"must be at most {TicketCommandRules.MaxTextLength} characters");
        if (!errors.IsEmpty)
            return new NoteResult(null, new TicketFailure(TicketFailureKind.Invalid, "The note is invalid.", errors));

        var ticket = TicketJson.Clone(current);
        var now = Now();
        var entry = Record(ticket, actor, TimelineKinds.Note, null, null, actor.Opd, clean, now);
        if (noteKey is not null)
            ticket.NoteKeys[noteKey] = ticket.Timeline.Count - 1;
        await CommitAsync(ticket, TimelineKinds.Note);
        return new NoteResult(entry, null, ticket.Version);
    }

    public async Task<TicketResult> LinkCall(Guid callId, Actor actor)
    {
        if (Visible(actor) is { } hidden)
            return TicketResult.Fail(hidden);
        var current = _ticket!;
        if (current.CallIds.Contains(callId))
            return TicketResult.Ok(current.ToDetails());
        if (TicketStateMachine.IsTerminal(current.Status))
        {
            return TicketResult.Fail(new TicketFailure(TicketFailureKind.Conflict,
                $"A ticket that is {current.Status.Code()} takes no more calls.",
                CurrentStatus: current.Status, CurrentVersion: current.Version));
        }
        var ticket = TicketJson.Clone(current);
        ticket.CallIds.Add(callId);
        Record(ticket, actor, TimelineKinds.CallLinked, null, null, null, callId.ToString(), Now());
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

    /// <summary>Sends the ticket (again) to <paramref name="opd"/>: deadlines restart from now.</summary>
    private async Task EscalateAsync(TicketState ticket, TicketTransition transition, string opd, DateTimeOffset now)
    {
        var rule = await Routing.Get(ticket.Category);
        var supporting = transition == TicketTransition.Escalate ? rule.SupportingOpds : ticket.SupportingOpds;
        ticket.SupportingOpds = [.. supporting.Where(s => s != opd).Distinct()];
        ticket.Opd = opd;
        ticket.EscalatedAt = now;
        ticket.AcknowledgedAt = null;
        ticket.OnSceneAt = null;
        ticket.ResolvedAt = null;
        ticket.EscalationLevel++;
        ticket.OfferedTo.Clear();
        ticket.Deadlines = new TicketDeadlines(now + rule.Deadlines.Acknowledge, now + rule.Deadlines.OnScene,
            now + rule.Deadlines.Resolve);
    }

    /// <summary>The backup OPD that acknowledges an offered ticket becomes its OPD; the first one keeps supporting.</summary>
    private static void TakeOver(TicketState ticket, string backup)
    {
        if (ticket.Opd is { } previous && !ticket.SupportingOpds.Contains(previous))
            ticket.SupportingOpds.Add(previous);
        ticket.SupportingOpds.Remove(backup);
        ticket.Opd = backup;
        ticket.OfferedTo.Clear();
    }

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

    /// <summary>Null when <paramref name="viewer"/> may see the ticket; OPD users see only tickets assigned to their OPD.</summary>
    private TicketFailure? Visible(Actor viewer)
    {
        if (_ticket is null || (viewer.IsOpd && !_ticket.Opds.Contains(viewer.Opd)))
            return new TicketFailure(TicketFailureKind.NotFound, $"No ticket with id {this.GetPrimaryKey()}.");
        return null;
    }

    private static TimelineEntry Record(TicketState ticket, Actor actor, string kind, TicketStatus? from,
        TicketStatus? to, string? opd, string? text, DateTimeOffset at)
    {
        var entry = new TimelineEntry(at, actor.Name, kind, from, to, opd, text, actor.DisplayName);
        ticket.Timeline.Add(entry);
        ticket.UpdatedAt = at;
        foreach (var concerned in ticket.Opds.Where(o => !ticket.NotifiedOpds.Contains(o)))
            ticket.NotifiedOpds.Add(concerned);
        return entry;
    }

    /// <summary>Stores <paramref name="ticket"/> as the next version (one per command, however many entries it added).</summary>
    private async Task CommitAsync(TicketState ticket, string kind, IReadOnlyList<AlertToRaise>? alerts = null)
    {
        ticket.Version = (_ticket?.Version ?? 0) + 1;
        long eventId;
        try
        {
            eventId = await store.SaveAsync(ticket, kind, alerts);
        }
        catch (StoredVersionConflictException)
        {
            // Another activation of this ticket wrote first (a cluster split): re-read on the next call.
            DeactivateOnIdle();
            throw;
        }
        Bengkulu112Metrics.TicketCommitted(_ticket?.Status, ticket.Status);
        _ticket = ticket;
        await PublishAsync(eventId);
        await ArmClockAsync();
    }

    private async Task RepublishAsync()
    {
        if (await store.EventIdAsync(_ticket!.Id, _ticket.Version) is { } eventId)
            await PublishAsync(eventId);
    }

    /// <summary>
    /// Best effort after the commit: a failure is logged and retried by the outbox sweep (published_version stays behind).
    /// </summary>
    private async Task PublishAsync(long eventId)
    {
        var ticket = _ticket!;
        try
        {
            await TicketPublisher.PublishAsync(this.GetStreamProvider(TicketStreams.Provider), ticket, eventId);
            await store.MarkPublishedAsync(ticket.Id, ticket.Version);
            _publishedVersion = ticket.Version;
        }
        catch (Exception e)
        {
            LogPublishFailed(logger, e, ticket.Number, ticket.Version);
        }
    }

    /// <summary>Invoked by the outbox sweep for a ticket whose latest change may not have reached the OPDs.</summary>
    public Task Republish() => _ticket is not null && _publishedVersion < _ticket.Version ? RepublishAsync() : Task.CompletedTask;

    public Task Wake() => Task.CompletedTask; // activation arms the clock

    public Task ReceiveReminder(string reminderName, TickStatus status) => OnClockAsync();

    /// <summary>Arms a grain timer for the next clock point, and keeps the durable reminder while any point is pending.</summary>
    private async Task ArmClockAsync()
    {
        _clockTimer?.Dispose();
        _clockTimer = null;
        if (_ticket is null || TicketClock.NextDue(_ticket) is not { } next)
        {
            if (_reminderRegistered && await this.GetReminder(ClockReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            _reminderRegistered = false;
            return;
        }
        var wait = next - time.GetUtcNow();
        ArmTimer(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        Bengkulu112Metrics.ClockArmed();
        if (!_reminderRegistered)
        {
            var period = clockOptions.Value.BackstopPeriod;
            await this.RegisterOrUpdateReminder(ClockReminder, period, period);
            _reminderRegistered = true;
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
        if (_ticket is null)
            return;
        var now = Now();
        var due = TicketClock.Due(_ticket, now);
        if (due.Count == 0)
        {
            await ArmClockAsync();
            return;
        }
        var ticket = TicketJson.Clone(_ticket);
        var alerts = new List<AlertToRaise>();
        var clock = Actor.System("clock");
        foreach (var point in due)
        {
            ticket.FiredClocks.Add(point.Key);
            var dedupe = $"{ticket.Id:N}:{point.Key}";
            if (point.Step == TicketClock.Renotify)
            {
                ticket.EscalationLevel++;
                Record(ticket, clock, TimelineKinds.Renotified, null, null, ticket.Opd,
                    $"not acknowledged yet; {ticket.Opd} notified again", now);
                continue;
            }
            ticket.Breaches.Add(new Breach(point.Step, now));
            alerts.Add(new AlertToRaise(dedupe + ":breach", AlertToRaise.SlaBreached, ticket.Opd, point.Step, point.DueAt, now));
            Record(ticket, clock, TimelineKinds.SlaBreached, null, null, ticket.Opd,
                $"{point.Step} deadline {point.DueAt:u} passed", now);
            if (point.Step == TicketClock.Acknowledge)
            {
                ticket.EscalationLevel++;
                alerts.Add(new AlertToRaise(dedupe + ":overdue", AlertToRaise.EscalationOverdue, ticket.Opd, point.Step, point.DueAt, now));
                var backup = await OfferToBackupAsync(ticket);
                Record(ticket, clock, TimelineKinds.EscalationOverdue, null, null, ticket.Opd,
                    backup is null ? "supervisors alerted; no backup OPD" : $"supervisors alerted; offered to backup OPD {backup}", now);
            }
        }
        await CommitAsync(ticket, TimelineKinds.SlaBreached, alerts);
        Bengkulu112Metrics.ClockFired(due);
    }

    /// <summary>Offers the ticket to its OPD's backup (as a supporting OPD that may take it over); answers its code.</summary>
    private async Task<string?> OfferToBackupAsync(TicketState ticket)
    {
        if (ticket.Opd is null || await GrainFactory.GetGrain<IOpdGrain>(ticket.Opd).Get() is not { BackupOpd: { } backup })
            return null;
        if (await GrainFactory.GetGrain<IOpdGrain>(backup).Get() is not { Active: true })
            return null;
        if (!ticket.OfferedTo.Contains(backup))
            ticket.OfferedTo.Add(backup);
        if (backup != ticket.Opd && !ticket.SupportingOpds.Contains(backup))
            ticket.SupportingOpds.Add(backup);
        return backup;
    }

    private static TicketResult Invalid(FieldErrors errors) =>
        TicketResult.Fail(new TicketFailure(TicketFailureKind.Invalid, "One or more fields are invalid.", errors));

    private static TicketResult Fail(TicketFailureKind kind, string detail) =>
        TicketResult.Fail(new TicketFailure(kind, detail));

    private static string Verb(TicketTransition transition) => TicketCommandRules.Verb(transition);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ticket {Number}: acting on its clock failed; the reminder retries")]
    private static partial void LogClockFailed(ILogger logger, Exception exception, string? number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ticket {Number} v{Version} committed but not yet pushed to the OPD streams; the outbox sweep retries")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string number, int version);
}
