using Bengkulu112.Common;
using Bengkulu112.Routing;

namespace Bengkulu112.Tickets;

/// <summary>What a status change will do, once its rights, version and state machine have been checked.</summary>
/// <param name="Transition">The transition that runs (escalating an acknowledged ticket re-escalates it).</param>
/// <param name="Next">The status the ticket moves to.</param>
/// <param name="Takeover">A backup OPD acknowledges a ticket offered to it and becomes its OPD.</param>
/// <param name="Text">The trimmed note or reason, null when none was given.</param>
/// <param name="Opd">The OPD the ticket is (re-)sent to, for transitions that take one; to be checked by a look-up.</param>
/// <param name="Errors">Field errors found so far; the look-up of <see cref="Opd"/> may add more.</param>
public sealed record TicketChangePlan(TicketTransition Transition, TicketStatus Next, bool Takeover, string? Text,
    string? Opd, FieldErrors Errors)
{
    public bool TakesOpd => TicketCommandRules.TakesOpd(Transition);
}

/// <summary>
/// The rules of a ticket as pure functions of its state: who may see it, which version a command must name, who may
/// change it, which transitions the state machine allows, what each command asks of its fields and what it changes.
/// The grain looks up OPDs and routing, then commits what these decide.
/// </summary>
public static class TicketDecisions
{
    /// <summary>Null when <paramref name="viewer"/> may see the ticket; OPD users see only tickets assigned to their OPD.</summary>
    public static Refusal? Visible(TicketState? ticket, Guid id, Actor viewer) =>
        ticket is null || (viewer.IsOpd && !ticket.Opds.Contains(viewer.Opd))
            ? Refusal.NotFound($"No ticket with id {id}.")
            : null;

    /// <summary>The plan for <paramref name="command"/>, or why it is refused before any look-up.</summary>
    public static (TicketChangePlan? Plan, Refusal? Refusal) Plan(TicketState current, TicketCommand command, Actor actor)
    {
        if (command.ExpectedVersion is { } expected && expected != current.Version)
        {
            return (null, Refusal.PreconditionFailed(
                $"If-Match names version {expected}; the ticket is at version {current.Version}.", current.Version));
        }

        var transition = command.Transition == TicketTransition.Escalate && current.Status == TicketStatus.Acknowledged
            ? TicketTransition.Reescalate
            : command.Transition;
        var takeover = actor.IsOpd && transition == TicketTransition.Acknowledge && current.OfferedTo.Contains(actor.Opd!)
            && current.Opd != actor.Opd;
        if (actor.IsOpd && current.Opd != actor.Opd && !takeover)
            return (null, Refusal.Forbidden($"Only the ticket's primary OPD ({current.Opd}) may do this."));
        if (TicketStateMachine.Next(current.Status, transition) is not { } next)
        {
            return (null, Refusal.Conflict(
                $"A ticket that is {current.Status.Code()} cannot be {TicketCommandRules.Verb(command.Transition)}.",
                current.Status, current.Version));
        }

        var errors = new FieldErrors();
        var text = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
        if (TicketCommandRules.RequiredText(transition) is { } field && text is null)
            errors.Add(field, "is required");
        if (text is { Length: > TicketCommandRules.MaxTextLength })
            errors.Add(TicketCommandRules.RequiredText(transition) ?? "note", $"must be at most {TicketCommandRules.MaxTextLength} characters");
        string? opd = null;
        if (TicketCommandRules.TakesOpd(transition))
        {
            opd = command.Opd ?? current.Opd;
            if (opd is null)
                errors.Add("opd", "is required: the ticket has no OPD yet");
        }
        else if (command.Opd is not null)
        {
            errors.Add("opd", "only escalate names an OPD");
        }
        return (new TicketChangePlan(transition, next, takeover, text, opd, errors), null);
    }

    /// <summary>
    /// Applies a checked <paramref name="plan"/> to <paramref name="ticket"/> (a copy); <paramref name="rule"/> is the
    /// category's routing, needed by transitions that send the ticket to an OPD. Answers the timeline kind.
    /// </summary>
    public static string Apply(TicketState ticket, TicketChangePlan plan, Actor actor, RoutingRule? rule, DateTimeOffset now)
    {
        var from = ticket.Status;
        if (plan.TakesOpd)
            Escalate(ticket, plan.Transition, plan.Opd!, rule ?? throw new ArgumentNullException(nameof(rule)), now);
        switch (plan.Transition)
        {
            case TicketTransition.Acknowledge:
                ticket.AcknowledgedAt = now;
                if (plan.Takeover)
                    TakeOver(ticket, actor.Opd!);
                break;
            case TicketTransition.OnScene: ticket.OnSceneAt = now; break;
            case TicketTransition.Resolve: ticket.ResolvedAt = now; break;
            case TicketTransition.Close: ticket.ClosedAt = now; break;
            case TicketTransition.Cancel: ticket.CancelledAt = now; break;
            case TicketTransition.Reject: ticket.Deadlines = null; break;
        }
        var kind = TicketCommandRules.TimelineKind(plan.Transition);
        Record(ticket, actor, kind, from, plan.Next, actor.Opd ?? ticket.Opd, plan.Text, now);
        ticket.Status = plan.Next;
        return kind;
    }

    /// <summary>Sends the ticket (again) to <paramref name="opd"/>: deadlines restart from now.</summary>
    public static void Escalate(TicketState ticket, TicketTransition transition, string opd, RoutingRule rule, DateTimeOffset now)
    {
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
    public static void TakeOver(TicketState ticket, string backup)
    {
        if (ticket.Opd is { } previous && !ticket.SupportingOpds.Contains(previous))
            ticket.SupportingOpds.Add(previous);
        ticket.SupportingOpds.Remove(backup);
        ticket.Opd = backup;
        ticket.OfferedTo.Clear();
    }

    /// <summary>A new ticket from a valid draft, its OPD checked and its number drawn.</summary>
    public static TicketState Create(Guid id, string number, TicketDraft draft, RoutingRule rule, string opd, Actor actor,
        string fingerprint, DateTimeOffset now)
    {
        var ticket = new TicketState
        {
            Id = id,
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
        return ticket;
    }

    /// <summary>The answer to an open that repeats an Idempotency-Key already used for this ticket.</summary>
    public static TicketResult Reopened(TicketState existing, string fingerprint) =>
        existing.OpenFingerprint == fingerprint
            ? TicketResult.Ok(existing.ToDetails())
            : TicketResult.Fail(Refusal.IdempotencyMismatch(
                "This Idempotency-Key was already used to open a ticket with a different request."));

    /// <summary>The key a note's Idempotency-Key is kept under: per person, so two people's keys never meet.</summary>
    public static string? NoteKey(Actor actor, string? idempotencyKey) =>
        idempotencyKey is null ? null : $"{actor.Name}\n{idempotencyKey}";

    /// <summary>
    /// The answer to a note whose <paramref name="noteKey"/> already names <paramref name="first"/> on this ticket: that
    /// note again when the text is the same, else the Idempotency-Key mismatch.
    /// </summary>
    public static NoteResult Repeated(TimelineEntry first, string? text, int version) =>
        first.Text == (text?.Trim() ?? "")
            ? new NoteResult(first, null, version)
            : new NoteResult(null, Refusal.IdempotencyMismatch(
                "This Idempotency-Key was already used for a note with a different text."));

    /// <summary>The refusal of a note whose text is invalid, or null when the note may be added with <see cref="AddNote"/>.</summary>
    public static NoteResult? CheckNote(string? text)
    {
        var clean = text?.Trim() ?? "";
        var errors = new FieldErrors();
        if (clean.Length == 0)
            errors.Add("text", "is required");
        else if (clean.Length > TicketCommandRules.MaxTextLength)
            errors.Add("text", $"must be at most {TicketCommandRules.MaxTextLength} characters");
        return errors.IsEmpty
            ? null
            : new NoteResult(null, Refusal.Invalid(errors, "The note is invalid."));
    }

    /// <summary>Adds a checked note to <paramref name="ticket"/> (a copy).</summary>
    public static TimelineEntry AddNote(TicketState ticket, string text, Actor actor, string? noteKey, DateTimeOffset now)
    {
        ticket.NoteCount++;
        return Record(ticket, actor, TimelineKinds.Note, null, null, actor.Opd, text.Trim(), now, noteKey);
    }

    /// <summary>Null when <paramref name="current"/> may take another call; a finished ticket takes none.</summary>
    public static Refusal? CanLinkCall(TicketState current) =>
        TicketStateMachine.IsTerminal(current.Status)
            ? Refusal.Conflict($"A ticket that is {current.Status.Code()} takes no more calls.", current.Status, current.Version)
            : null;

    public static void LinkCall(TicketState ticket, Guid callId, Actor actor, DateTimeOffset now)
    {
        ticket.CallIds.Add(callId);
        Record(ticket, actor, TimelineKinds.CallLinked, null, null, null, callId.ToString(), now);
    }

    /// <summary>
    /// Adds a timeline entry to the change (<see cref="TicketState.NewEntries"/>, stored as a row with it); every OPD now
    /// concerned by the ticket counts as notified.
    /// </summary>
    public static TimelineEntry Record(TicketState ticket, Actor actor, string kind, TicketStatus? from,
        TicketStatus? to, string? opd, string? text, DateTimeOffset at, string? noteKey = null)
    {
        var entry = new TimelineEntry(at, actor.Name, kind, from, to, opd, text, actor.DisplayName);
        ticket.TimelineLength++;
        ticket.NewEntries.Add(new TimelineRow(ticket.TimelineLength, entry, noteKey));
        if (kind == TimelineKinds.Escalated)
            ticket.FirstEscalatedAt ??= at;
        ticket.UpdatedAt = at;
        foreach (var concerned in ticket.Opds.Where(o => !ticket.NotifiedOpds.Contains(o)))
            ticket.NotifiedOpds.Add(concerned);
        return entry;
    }

    public static TicketResult Invalid(FieldErrors errors) =>
        TicketResult.Fail(Refusal.Invalid(errors));
}
