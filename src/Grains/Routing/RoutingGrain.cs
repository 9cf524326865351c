using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Opds;

namespace Bengkulu112.Routing;

public sealed class RoutingGrain(
    [PersistentState("routing", StorageNames.Default)] IPersistentState<RoutingState> state,
    TimeProvider time) : Grain, IRoutingGrain
{
    public Task<IReadOnlyList<RoutingRule>> GetAll() =>
        Task.FromResult<IReadOnlyList<RoutingRule>>([.. Categories.All.Select(c => RuleOf(c.Code))]);

    public Task<RoutingRule> Get(string category) =>
        Categories.IsKnown(category)
            ? Task.FromResult(RuleOf(category))
            : throw new ArgumentException($"'{category}' is not a known category", nameof(category));

    public async Task<RoutingChangeResult> Put(RoutingRule rule, string actor)
    {
        var named = RoutingRuleValidator.NamedOpds(rule);
        var found = await Task.WhenAll(named.Select(code => GrainFactory.GetGrain<IOpdGrain>(code).Get()));
        var existing = found.OfType<OpdDetails>().Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        var errors = RoutingRuleValidator.Validate(rule, existing);
        if (!errors.IsEmpty)
            return new RoutingChangeResult(null, errors);

        var stored = rule with { SupportingOpds = [.. rule.SupportingOpds] };
        state.State.Rules[rule.Category] = stored;
        Touch(actor);
        try
        {
            await state.WriteOrForgetAsync(DeactivateOnIdle);
        }
        catch
        {
            // The refused write must not stay visible to readers: start again from what is stored.
            DeactivateOnIdle();
            throw;
        }
        return new RoutingChangeResult(stored, null);
    }

    public async Task SeedIfAbsent()
    {
        var missing = DefaultRouting.Rules.Where(r => !state.State.Rules.ContainsKey(r.Category)).ToList();
        if (missing.Count == 0)
            return;
        foreach (var rule in missing)
            state.State.Rules[rule.Category] = rule;
        Touch("system:seed");
        await state.WriteOrForgetAsync(DeactivateOnIdle);
    }

    /// <summary>The stored rule; before seeding has run, the default one (what seeding is about to store).</summary>
    private RoutingRule RuleOf(string category) =>
        state.State.Rules.TryGetValue(category, out var rule)
            ? rule
            : DefaultRouting.Rules.First(r => r.Category == category);

    private void Touch(string actor)
    {
        state.State.UpdatedAt = time.GetUtcNow();
        state.State.UpdatedBy = actor;
    }
}
