using Bengkulu112.Api.Contracts;
using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Opds;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Validation;

/// <summary>
/// The checks a new ticket's fields get before any grain is asked; the ticket grain checks what needs the cluster
/// (routing, whether the OPD exists). <c>field</c> is where the draft sits in the body (`ticket` inside a classify).
/// </summary>
public static class TicketDraftValidation
{
    public const int MaxDescriptionLength = 2000;

    /// <summary>The draft, or null when <paramref name="errors"/> holds any error (call it with no errors yet).</summary>
    public static TicketDraft? ToDraft(TicketDraftRequest draft, string field, FieldErrors errors)
    {
        if (!Categories.IsKnown(draft.Category))
            errors.Add($"{field}.category", draft.Category is null
                ? "is required"
                : $"'{draft.Category}' is not a category; use one of {string.Join(", ", Categories.All.Select(c => c.Code))}");
        if (string.IsNullOrWhiteSpace(draft.Description))
            errors.Add($"{field}.description", "is required");
        else if (draft.Description.Length > MaxDescriptionLength)
            errors.Add($"{field}.description", $"must be at most {MaxDescriptionLength} characters");
        LocationValidator.Validate(draft.Location, $"{field}.location", errors, requireAddress: true);
        if (draft.Category == Categories.Blood)
            BloodRequest.Validate(draft.Blood, $"{field}.blood", errors);
        else if (draft.Blood is not null)
            errors.Add($"{field}.blood", "is only for a blood ticket");
        if (draft.Opd is not null && !OpdCode.IsValid(draft.Opd))
            errors.Add($"{field}.opd", "is not an OPD code (lower-case letters, digits and _)");

        return errors.IsEmpty
            ? new TicketDraft(draft.Category!, draft.Description!.Trim(), LocationValidator.Normalize(draft.Location)!,
                draft.Priority, draft.Opd, [], draft.Blood)
            : null;
    }
}
