using Bengkulu112.Routing;
using Bengkulu112.Tickets;

namespace Bengkulu112.Api.Contracts;

/// <summary>A routing rule of API.md: `{ category, priority, primary_opd, supporting_opds, deadlines }`.</summary>
public sealed record RoutingRuleResponse(
    string Category,
    Priority Priority,
    string? PrimaryOpd,
    IReadOnlyList<string> SupportingOpds,
    DeadlinesResponse Deadlines)
{
    public static RoutingRuleResponse From(RoutingRule rule) =>
        new(rule.Category, rule.Priority, rule.PrimaryOpd, rule.SupportingOpds,
            new DeadlinesResponse(rule.Deadlines.Acknowledge, rule.Deadlines.OnScene, rule.Deadlines.Resolve));
}

/// <summary>How long after escalation each step is due (ISO 8601 durations in JSON).</summary>
public sealed record DeadlinesResponse(TimeSpan Acknowledge, TimeSpan OnScene, TimeSpan Resolve);

/// <summary>Body of `PUT /routing/{category}`; `supporting_opds` defaults to none.</summary>
public sealed record RoutingPutRequest(
    Priority? Priority,
    string? PrimaryOpd,
    IReadOnlyList<string>? SupportingOpds,
    DeadlinesRequest? Deadlines);

public sealed record DeadlinesRequest(TimeSpan? Acknowledge, TimeSpan? OnScene, TimeSpan? Resolve);
