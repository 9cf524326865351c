using Bengkulu112.Api.Contracts;
using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Common;

namespace Bengkulu112.Api.Validation;

/// <summary>Turns the bodies of `POST /calls` and `POST /calls/{id}/classify` into grain messages, naming bad fields.</summary>
public static class CallValidation
{
    public const int MaxNotesLength = 2000;

    /// <summary>How far ahead of this server's clock a caller's `received_at` may be (telephony clocks drift).</summary>
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromMinutes(5);

    public static CallIntake? ToIntake(CallRequest body, string callTaker, DateTimeOffset now, FieldErrors errors)
    {
        var callerId = body.CallerId ?? CallerId.Present;
        string? number = null;
        if (callerId == CallerId.Present)
        {
            number = PhoneNumber.TryNormalize(body.CallerNumber, out var numberError);
            if (number is null)
                errors.Add("caller_number", body.CallerNumber is null
                    ? "is required; a call without a number gives caller_id withheld or unavailable"
                    : numberError ?? "is not a phone number");
        }
        else if (body.CallerNumber is not null)
        {
            errors.Add("caller_id", $"must be present (or left out) when caller_number is given, not {CallerIdCodes.Code(callerId)}");
        }
        if (body.ReceivedAt > now + MaxClockAhead)
            errors.Add("received_at", $"must not be more than {MaxClockAhead.TotalMinutes:0} minutes in the future");
        Notes(body.Notes, "notes", errors);
        LocationValidator.Validate(body.Location, "location", errors, requireAddress: false);
        return errors.IsEmpty
            ? new CallIntake(number, body.ReceivedAt ?? now, body.Channel ?? Channel.Voice, callTaker,
                LocationValidator.Normalize(body.Location), Clean(body.Notes), callerId)
            : null;
    }

    public static (ClassifyCommand? Command, FieldErrors Errors) ToCommand(ClassifyRequest body)
    {
        if (body.Classification is not { } classification)
            return (null, new FieldErrors().Add("classification",
                "is required: emergency, non_emergency, prank, silent, wrong_number or abandoned"));
        var errors = ClassificationRules.Validate(classification, body.Ticket is not null, body.LinkTicketId is not null);
        Notes(body.Notes, "notes", errors);
        var draft = errors.IsEmpty && body.Ticket is { } ticket
            ? TicketDraftValidation.ToDraft(ticket, ClassificationRules.TicketField, errors)
            : null;
        return errors.IsEmpty
            ? (new ClassifyCommand(classification, Clean(body.Notes), draft, body.LinkTicketId), errors)
            : (null, errors);
    }

    private static void Notes(string? notes, string field, FieldErrors errors)
    {
        if (notes is { Length: > MaxNotesLength })
            errors.Add(field, $"must be at most {MaxNotesLength} characters");
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
