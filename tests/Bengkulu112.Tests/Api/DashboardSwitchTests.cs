using System.Net;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>`Orleans:Dashboard` false: the API node serves no dashboard (and asks the silos for nothing of it).</summary>
public sealed class DashboardSwitchTests(DashboardSwitchTests.NoDashboardFixture fixture)
    : IClassFixture<DashboardSwitchTests.NoDashboardFixture>
{
    public sealed class NoDashboardFixture : ApiFixture
    {
        protected override IReadOnlyDictionary<string, string> ApiSettings { get; } =
            new Dictionary<string, string> { ["Orleans:Dashboard"] = "false" };
    }

    [Fact]
    public async Task Switched_off_the_dashboard_is_not_there_even_for_admins()
    {
        var admin = fixture.ClientAs("admin");
        foreach (var path in new[] { "/dashboard/DashboardCounters", "/dashboard/" })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(404, (await response.AssertProblem(HttpStatusCode.NotFound)).GetProperty("status").GetInt32());
        }
        // The API itself is served as usual.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/opds")).StatusCode);
    }
}
