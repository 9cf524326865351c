using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit;

namespace Bengkulu112.Tests.Board;

/// <summary>axe-core's checks (WCAG 2.1 A and AA rules) on what a page shows now: no serious or critical violation.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolations(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
