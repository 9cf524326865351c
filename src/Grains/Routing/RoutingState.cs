namespace Bengkulu112.Routing;

/// <summary>What the routing grain persists: the rule of every category stored so far, keyed by category code.</summary>
[GenerateSerializer, Alias("Bengkulu112.RoutingState")]
public sealed class RoutingState
{
    [Id(0)] public Dictionary<string, RoutingRule> Rules { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(2)] public string UpdatedBy { get; set; } = "";
}
