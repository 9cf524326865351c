using Bengkulu112.Routing;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class RoutingRuleValidatorTests
{
    private static readonly HashSet<string> Existing = ["damkar", "dinkes", "bpbd"];
    private static readonly RoutingRule Fire = DefaultRouting.Rules.Single(r => r.Category == "fire");

    private static string[] Fields(RoutingRule rule) =>
        [.. RoutingRuleValidator.Validate(rule, Existing).ToDictionary().Keys.Order()];

    [Fact]
    public void Every_default_rule_is_valid_against_the_default_directory()
    {
        var opds = Opds.DefaultOpds.All.Keys.ToHashSet();
        Assert.All(DefaultRouting.Rules, rule => Assert.True(RoutingRuleValidator.Validate(rule, opds).IsEmpty, rule.Category));
    }

    [Fact]
    public void Unknown_category_and_undefined_priority_are_named()
    {
        Assert.Equal(["category", "priority"], Fields(Fire with { Category = "volcano", Priority = (Priority)9 }));
    }

    [Fact]
    public void The_primary_OPD_is_required_except_for_other_and_must_exist()
    {
        Assert.Equal(["primary_opd"], Fields(Fire with { PrimaryOpd = null }));
        Assert.Equal(["primary_opd"], Fields(Fire with { PrimaryOpd = "nobody" }));
        Assert.Empty(Fields(Fire with { Category = "other", PrimaryOpd = null, SupportingOpds = [] }));
    }

    [Fact]
    public void Supporting_OPDs_must_exist_differ_from_the_primary_and_not_repeat()
    {
        var rule = Fire with { SupportingOpds = ["dinkes", "nobody", "damkar", "dinkes"] };
        Assert.Equal(["supporting_opds[1]", "supporting_opds[2]", "supporting_opds[3]"], Fields(rule));
    }

    [Fact]
    public void Deadlines_must_be_positive_at_most_30_days_and_in_step_order()
    {
        var minute = TimeSpan.FromMinutes(1);
        Assert.Equal(["deadlines.acknowledge", "deadlines.resolve"],
            Fields(Fire with { Deadlines = new(TimeSpan.Zero, minute, TimeSpan.FromDays(31)) }));
        Assert.Equal(["deadlines.on_scene"], Fields(Fire with { Deadlines = new(minute * 10, minute * 5, minute * 60) }));
        Assert.Equal(["deadlines.resolve"], Fields(Fire with { Deadlines = new(minute, minute * 5, minute * 4) }));
        Assert.Empty(Fields(Fire with { Deadlines = new(minute, minute, TimeSpan.FromDays(30)) }));
    }
}
