using System.Net;
using System.Net.Http.Headers;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

public sealed class AuthenticationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/v1/opds")]
    [InlineData("/api/v1/opds/damkar")]
    [InlineData("/api/v1/no/such/route")]
    public async Task Api_routes_answer_401_without_a_token(string path)
    {
        var response = await fixture.ClientAs(null).GetAsync(path);
        var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.ForeignlySigned("admin"));
        var problem = await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal((int)HttpStatusCode.Unauthorized, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens.Expired("supervisor"));
        var problem = await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal((int)HttpStatusCode.Unauthorized, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_token_that_is_not_a_jwt_is_refused()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        var problem = await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Equal((int)HttpStatusCode.Unauthorized, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("opd", null)]
    [InlineData("janitor", null)]
    public async Task A_token_without_a_usable_role_is_forbidden(string role, string? opd)
    {
        var problem = await (await fixture.ClientAs(role, opd).GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.Equal((int)HttpStatusCode.Forbidden, problem.GetProperty("status").GetInt32());
    }
}
