using Bengkulu112.Common;

namespace Bengkulu112.Calls;

/// <summary>
/// What a classification may carry (API.md *Calls*): an emergency opens a ticket or links to one, exactly one of the
/// two; every other classification takes neither. Checked by the API before it calls the call grain, and by the grain.
/// </summary>
public static class ClassificationRules
{
    public const string TicketField = "ticket";
    public const string LinkField = "link_ticket_id";

    public static FieldErrors Validate(ClassifyCommand command) =>
        Validate(command.Classification, command.Ticket is not null, command.LinkTicketId is not null);

    public static FieldErrors Validate(Classification classification, bool hasTicket, bool hasLink)
    {
        var errors = new FieldErrors();
        if (classification == Classification.Emergency)
        {
            if (!hasTicket && !hasLink)
                errors.Add(TicketField, $"an emergency needs a ticket to open, or {LinkField} of an open ticket");
            else if (hasTicket && hasLink)
                errors.Add(LinkField, $"give either {TicketField} or {LinkField}, not both");
            return errors;
        }
        if (hasTicket)
            errors.Add(TicketField, "only an emergency opens a ticket");
        if (hasLink)
            errors.Add(LinkField, "only an emergency is linked to a ticket");
        return errors;
    }
}
