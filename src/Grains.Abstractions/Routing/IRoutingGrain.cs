using Orleans.Concurrency;

namespace Bengkulu112.Routing;

/// <summary>The routing table (one grain, key "all"): category → priority, OPDs and deadlines. Changes apply at once.</summary>
[Alias("Bengkulu112.IRoutingGrain")]
public interface IRoutingGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [AlwaysInterleave, Alias("GetAll")]
    Task<IReadOnlyList<RoutingRule>> GetAll();

    [AlwaysInterleave, Alias("Get")]
    Task<RoutingRule> Get(string category);

    /// <summary>Replaces a category's rule after checking it (OPDs must exist); refused fields change nothing.</summary>
    [Alias("Put")]
    Task<RoutingChangeResult> Put(RoutingRule rule, string actor);

    /// <summary>Stores the default table where nothing is stored yet (start-up seeding).</summary>
    [Alias("SeedIfAbsent")]
    Task SeedIfAbsent();
}
