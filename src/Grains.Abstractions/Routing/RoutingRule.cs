using Bengkulu112.Tickets;

namespace Bengkulu112.Routing;

/// <summary>Where tickets of one category go, how urgent they are and how long each step may take.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.RoutingRule")]
public sealed record RoutingRule(
    [property: Id(0)] string Category,
    [property: Id(1)] Priority Priority,
    [property: Id(2)] string? PrimaryOpd,
    [property: Id(3)] IReadOnlyList<string> SupportingOpds,
    [property: Id(4)] SlaDeadlines Deadlines);

/// <summary>How long after escalation each step is due.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.SlaDeadlines")]
public sealed record SlaDeadlines(
    [property: Id(0)] TimeSpan Acknowledge,
    [property: Id(1)] TimeSpan OnScene,
    [property: Id(2)] TimeSpan Resolve)
{
    public static SlaDeadlines For(Priority priority) => priority switch
    {
        Priority.P1 => new(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(15), TimeSpan.FromHours(4)),
        Priority.P2 => new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(8)),
        _ => new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(2), TimeSpan.FromHours(72)),
    };
}

[GenerateSerializer, Immutable, Alias("Bengkulu112.RoutingChangeResult")]
public sealed record RoutingChangeResult(
    [property: Id(0)] RoutingRule? Rule,
    [property: Id(2)] Common.Refusal? Failure)
{
    public static RoutingChangeResult Refused(Common.FieldErrors errors) => new(null, Common.Refusal.Invalid(errors));
}
