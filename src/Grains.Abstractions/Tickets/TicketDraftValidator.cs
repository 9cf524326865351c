using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Opds;

namespace Bengkulu112.Tickets;

/// <summary>Field checks of a new ticket that need nothing but the draft (OPD existence is the grain's check).</summary>
public static class TicketDraftValidator
{
    public const int MaxDescriptionLength = 2000;
    public const int MaxCalls = 50;

    /// <summary>Adds the draft's field errors to <paramref name="errors"/>, named with <paramref name="prefix"/> (e.g. "ticket.").</summary>
    public static FieldErrors Validate(TicketDraft draft, FieldErrors? errors = null, string prefix = "")
    {
        errors ??= new FieldErrors();
        if (string.IsNullOrWhiteSpace(draft.Category))
            errors.Add(prefix + "category", "is required");
        else if (!Categories.IsKnown(draft.Category))
            errors.Add(prefix + "category", "must be one of " + string.Join(", ", Categories.All.Select(c => c.Code)));
        if (string.IsNullOrWhiteSpace(draft.Description))
            errors.Add(prefix + "description", "is required");
        else if (draft.Description.Length > MaxDescriptionLength)
            errors.Add(prefix + "description", $"must be at most {MaxDescriptionLength} characters");
        LocationValidator.Validate(draft.Location, prefix + "location", errors, requireAddress: true);
        if (draft.Priority is { } priority && !Enum.IsDefined(priority))
            errors.Add(prefix + "priority", "must be one of P1, P2, P3");
        if (draft.Opd is { } opd && !OpdCode.IsValid(opd))
            errors.Add(prefix + "opd", "is not a valid OPD code");
        if (draft.Category == Categories.Blood)
            BloodRequest.Validate(draft.Blood, prefix + "blood", errors);
        else if (draft.Blood is not null)
            errors.Add(prefix + "blood", "is only for blood tickets");
        if (draft.CallIds.Count > MaxCalls)
            errors.Add(prefix + "call_ids", $"must have at most {MaxCalls} calls");
        if (draft.CallIds.Distinct().Count() != draft.CallIds.Count)
            errors.Add(prefix + "call_ids", "must not repeat a call");
        return errors;
    }
}
