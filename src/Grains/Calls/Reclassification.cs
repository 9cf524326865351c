using Bengkulu112.Common;

namespace Bengkulu112.Calls;

public static class Reclassification
{
    /// <summary>
    /// Whether <paramref name="actor"/> may classify a call already classified. Only a supervisor may, and not once
    /// the call opened a ticket: that ticket exists because of this classification and is handled (cancelled) on its
    /// own. A call that was only linked to a ticket may be re-classified; the ticket keeps it in its call list.
    /// </summary>
    public static string? Refusal(CallState call, Actor actor) =>
        call.Classification is not { } current ? null
        : !actor.IsSupervisor ? $"The call is already classified as {ClassificationCodes.Code(current)}; only a supervisor may re-classify it."
        : call.OpenedTicket ? $"The call opened ticket {call.TicketId}; cancel the ticket instead of re-classifying the call."
        : null;
}
