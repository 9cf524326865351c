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
        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.ForeignlySigned("admin"));
        await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tokens.Expired("supervisor"));
        await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_that_is_not_a_jwt_is_refused()
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("opd", null)]
    [InlineData("janitor", null)]
    public async Task A_token_without_a_usable_role_is_forbidden(string role, string? opd)
    {
        await (await fixture.ClientAs(role, opd).GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Forbidden);
    }
}
