using Bengkulu112.Common;
using Bengkulu112.Tickets;

namespace Bengkulu112.Calls;

/// <summary>How the ticket grain's refusals read to someone classifying a call.</summary>
public static class TicketRefusals
{
    /// <summary>The ticket grain names its fields without prefix (`category`); in a classify body they sit in `ticket`.</summary>
    public static Refusal ForOpen(Refusal failure)
    {
        if (failure.Errors is not { IsEmpty: false } errors)
            return failure;
        const string prefix = ClassificationRules.TicketField;
        var prefixed = new FieldErrors();
        foreach (var (field, messages) in errors.ToDictionary())
        {
            var name = field == prefix || field.StartsWith(prefix + ".", StringComparison.Ordinal) ? field : $"{prefix}.{field}";
            foreach (var message in messages)
                prefixed.Add(name, message);
        }
        return failure with { Errors = prefixed };
    }

    /// <summary>A missing ticket is a wrong field of this request (the call itself exists): 400 naming it, not 404.</summary>
    public static Refusal ForLink(Refusal failure, Guid ticketId) =>
        failure.Kind == RefusalKind.NotFound
            ? Refusal.Invalid(new FieldErrors().Add(ClassificationRules.LinkField, $"no ticket with id {ticketId}"), failure.Detail)
            : failure;
}
