using System.Net;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.Accounts;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>Rate limits count per person: colleagues of the same role no longer share one budget.</summary>
public sealed class PerPersonLimitsTests(SmallRateLimitFixture fixture) : IClassFixture<SmallRateLimitFixture>
{
    [Fact]
    public async Task One_call_takers_burst_does_not_limit_a_colleague()
    {
        var busy = await SignedInAsync(fixture.Api, "calltaker");
        var colleague = await SignedInAsync(fixture.Api, "calltaker");

        var refused = false;
        for (var i = 0; i < 20 && !refused; i++)
            refused = (await busy.Client.GetAsync("/api/v1/opds")).StatusCode == HttpStatusCode.TooManyRequests;
        Assert.True(refused, "the busy call taker was never limited");

        await (await colleague.Client.GetAsync("/api/v1/opds")).AssertJson(HttpStatusCode.OK);
    }
}
