using Bengkulu112.Api.Contracts;
using Bengkulu112.Common;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Validation;

/// <summary>
/// The checks a new ticket's fields get before any grain is asked; the ticket grain checks what needs the cluster
/// (routing, whether the OPD exists). <c>field</c> is where the draft sits in the body (`ticket` inside a classify).
/// </summary>
public static class TicketDraftValidation
{
    /// <summary>The draft, or null when <paramref name="errors"/> holds any error (call it with no errors yet).</summary>
    public static TicketDraft? ToDraft(TicketDraftRequest request, string field, FieldErrors errors)
    {
        var draft = new TicketDraft(request.Category ?? "", request.Description ?? "", request.Location!,
            request.Priority, request.Opd, [], request.Blood);
        TicketDraftValidator.Validate(draft, errors, prefix: field + ".");
        return errors.IsEmpty
            ? draft with { Description = draft.Description.Trim(), Location = LocationValidator.Normalize(draft.Location)! }
            : null;
    }
}
