using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Opds;

namespace Bengkulu112.Routing;

/// <summary>The rules a routing rule must satisfy, given which of the OPDs it names exist.</summary>
public static class RoutingRuleValidator
{
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(30);

    /// <summary>The OPD codes a rule names (valid ones only), to be looked up before <see cref="Validate"/>.</summary>
    public static IReadOnlyList<string> NamedOpds(RoutingRule rule) =>
        [.. new[] { rule.PrimaryOpd }.Concat(rule.SupportingOpds ?? []).OfType<string>().Where(OpdCode.IsValid).Distinct()];

    public static FieldErrors Validate(RoutingRule rule, IReadOnlySet<string> existingOpds)
    {
        var errors = new FieldErrors();
        if (!Categories.IsKnown(rule.Category))
            errors.Add("category", $"'{rule.Category}' is not a known category");
        if (!Enum.IsDefined(rule.Priority))
            errors.Add("priority", "must be one of P1, P2, P3");
        ValidatePrimary(rule, existingOpds, errors);
        ValidateSupporting(rule, existingOpds, errors);
        ValidateDeadlines(rule.Deadlines, errors);
        return errors;
    }

    private static void ValidatePrimary(RoutingRule rule, IReadOnlySet<string> existingOpds, FieldErrors errors)
    {
        if (rule.PrimaryOpd is null)
        {
            // For `other` the call taker chooses the OPD on each ticket.
            if (rule.Category != Categories.Other)
                errors.Add("primary_opd", "is required");
        }
        else if (!existingOpds.Contains(rule.PrimaryOpd))
            errors.Add("primary_opd", $"no OPD with code '{rule.PrimaryOpd}'");
    }

    private static void ValidateSupporting(RoutingRule rule, IReadOnlySet<string> existingOpds, FieldErrors errors)
    {
        if (rule.SupportingOpds is null)
        {
            errors.Add("supporting_opds", "is required (may be empty)");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rule.SupportingOpds.Count; i++)
        {
            var code = rule.SupportingOpds[i];
            var field = $"supporting_opds[{i}]";
            if (code is null || !existingOpds.Contains(code))
                errors.Add(field, $"no OPD with code '{code}'");
            else if (code == rule.PrimaryOpd)
                errors.Add(field, $"'{code}' is already the primary OPD");
            else if (!seen.Add(code))
                errors.Add(field, $"'{code}' is listed twice");
        }
    }

    private static void ValidateDeadlines(SlaDeadlines? deadlines, FieldErrors errors)
    {
        if (deadlines is null)
        {
            errors.Add("deadlines", "is required");
            return;
        }
        var acknowledge = InRange("deadlines.acknowledge", deadlines.Acknowledge, errors);
        var onScene = InRange("deadlines.on_scene", deadlines.OnScene, errors);
        var resolve = InRange("deadlines.resolve", deadlines.Resolve, errors);
        if (acknowledge && onScene && deadlines.OnScene < deadlines.Acknowledge)
            errors.Add("deadlines.on_scene", "must not be shorter than the acknowledge deadline");
        if (onScene && resolve && deadlines.Resolve < deadlines.OnScene)
            errors.Add("deadlines.resolve", "must not be shorter than the on_scene deadline");
    }

    private static bool InRange(string field, TimeSpan value, FieldErrors errors)
    {
        if (value <= TimeSpan.Zero)
            errors.Add(field, "must be a positive duration");
        else if (value > MaxDeadline)
            errors.Add(field, "must be at most 30 days (P30D)");
        else
            return true;
        return false;
    }
}
