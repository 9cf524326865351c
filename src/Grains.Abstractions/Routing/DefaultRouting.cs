using Bengkulu112.Domain;
using Bengkulu112.Tickets;

namespace Bengkulu112.Routing;

/// <summary>The category table of SPEC.md §2, used until an admin changes a category's rule.</summary>
public static class DefaultRouting
{
    public static readonly IReadOnlyList<RoutingRule> Rules =
    [
        Rule(Categories.Fire, Priority.P1, "damkar", "dinkes"),
        Rule(Categories.Animal, Priority.P2, "damkar"),
        Rule(Categories.FallenTree, Priority.P2, "bpbd", "dlh"),
        Rule(Categories.Accident, Priority.P1, "polresta", "dinkes"),
        Rule(Categories.WaspNest, Priority.P3, "damkar"),
        Rule(Categories.Traffic, Priority.P3, "dishub", "polresta"),
        Rule(Categories.Ambulance, Priority.P1, "dinkes"),
        Rule(Categories.PublicWorks, Priority.P3, "pupr"),
        Rule(Categories.PublicOrder, Priority.P2, "satpolpp", "polresta"),
        Rule(Categories.Disaster, Priority.P1, "bpbd", "damkar", "dinkes"),
        Rule(Categories.Blood, Priority.P1, "pmi"),
        Rule(Categories.Other, Priority.P3, null),
    ];

    private static RoutingRule Rule(string category, Priority priority, string? primary, params string[] supporting) =>
        new(category, priority, primary, supporting, SlaDeadlines.For(priority));
}
