using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Opds;

namespace Bengkulu112.Routing;

public sealed class RoutingGrain(
    [PersistentState("routing", StorageNames.Default)] IPersistentState<RoutingState> state,
    TimeProvider time) : Grain, IRoutingGrain
{
    // What readers see: the state as last written. A change is made on a copy and swapped in after its write, so an
    // interleaved read never sees a change that is not stored.
    private RoutingState _committed = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = state.State;
        return Task.CompletedTask;
    }

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
            return RoutingChangeResult.Refused(errors);

        var stored = rule with { SupportingOpds = [.. rule.SupportingOpds] };
        var next = StoredJson.Clone(_committed);
        next.Rules[rule.Category] = stored;
        await WriteAsync(next, actor);
        return new RoutingChangeResult(stored, null);
    }

    public async Task SeedIfAbsent()
    {
        var missing = DefaultRouting.Rules.Where(r => !_committed.Rules.ContainsKey(r.Category)).ToList();
        if (missing.Count == 0)
            return;
        var next = StoredJson.Clone(_committed);
        foreach (var rule in missing)
            next.Rules[rule.Category] = rule;
        await WriteAsync(next, "system:seed");
    }

    /// <summary>The stored rule; before seeding has run, the default one (what seeding is about to store).</summary>
    private RoutingRule RuleOf(string category) =>
        _committed.Rules.TryGetValue(category, out var rule)
            ? rule
            : DefaultRouting.Rules.First(r => r.Category == category);

    private async Task WriteAsync(RoutingState next, string actor)
    {
        next.UpdatedAt = time.GetUtcNow();
        next.UpdatedBy = actor;
        await state.WriteCopyAsync(next, DeactivateOnIdle);
        _committed = next;
    }
}
