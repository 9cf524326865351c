using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Api.Board;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Sso;

/// <summary>
/// The API with a real OpenID Connect provider configured: the provider's tokens (got through its login page with
/// authorization code + PKCE) are accepted with role, OPD and name read from the configured claims; a token naming two
/// roles, one of another provider and one for another audience answer 401; local tokens are still accepted beside them.
/// </summary>
public sealed class SsoApiTests(SsoBoardFixture fixture) : IClassFixture<SsoBoardFixture>
{
    private HttpClient With(string token)
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private Task<string> TokenOf(ProviderUser user) => fixture.Provider.AccessTokenAsync(user.Username, user.Password);

    [Fact]
    public async Task The_sign_in_configuration_names_the_provider_and_that_local_accounts_are_off()
    {
        var config = await (await fixture.ClientAs(null).GetAsync("/api/v1/auth/config")).AssertJson(HttpStatusCode.OK);
        Assert.False(config.GetProperty("local_accounts").GetBoolean());
        var sso = config.GetProperty("sso");
        Assert.Equal(fixture.Provider.Authority, sso.GetProperty("authority").GetString());
        Assert.Equal(TestOidcProvider.ClientId, sso.GetProperty("client_id").GetString());
        Assert.Equal("openid profile offline_access", sso.GetProperty("scope").GetString());
        Assert.Equal(SsoBoardFixture.RoleClaim, sso.GetProperty("role_claim").GetString());
        Assert.Equal(SsoBoardFixture.OpdClaim, sso.GetProperty("opd_claim").GetString());
        Assert.Equal(SsoBoardFixture.NameClaim, sso.GetProperty("name_claim").GetString());
    }

    [Fact]
    public async Task The_page_may_talk_to_the_provider_and_to_no_other_origin()
    {
        var response = await fixture.ClientAs(null).GetAsync("/");
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var provider = fixture.Provider.BaseAddress.GetLeftPart(UriPartial.Authority);
        Assert.Contains($"connect-src 'self' {provider};", policy);
        Assert.Contains($"form-action 'self' {provider};", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("*", policy);
        Assert.NotEqual(BoardPage.ContentSecurityPolicy, policy);
    }

    [Fact]
    public async Task A_provider_token_is_accepted_with_role_and_OPD_from_the_configured_claims()
    {
        var calltaker = With(await TokenOf(SsoBoardFixture.CallTaker));
        await (await calltaker.PostAsync("/api/v1/calls", JsonBody(new { caller_number = CallRequests.NewNumber() })))
            .AssertJson(HttpStatusCode.Created);
        await (await calltaker.GetAsync("/api/v1/alerts")).AssertProblem(HttpStatusCode.Forbidden); // supervisors only

        var damkar = With(await TokenOf(SsoBoardFixture.FireBrigade));
        await (await damkar.GetAsync("/api/v1/opds/damkar/tickets")).AssertJson(HttpStatusCode.OK);
        await (await damkar.GetAsync("/api/v1/opds/bpbd/tickets")).AssertProblem(HttpStatusCode.Forbidden);
        await (await damkar.PostAsync("/api/v1/calls", JsonBody(new { caller_number = CallRequests.NewNumber() })))
            .AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Timelines_name_the_provider_user_by_username_and_display_name()
    {
        var calltaker = With(await TokenOf(SsoBoardFixture.CallTaker));
        var ticket = await (await calltaker.PostAsJsonAsync("/api/v1/tickets", TicketRequests.FireBody())).AssertJson(HttpStatusCode.Created);
        var timeline = await (await calltaker.GetAsync($"/api/v1/tickets/{ticket.GetProperty("id").GetString()}/timeline"))
            .AssertJson(HttpStatusCode.OK);
        var created = timeline.EnumerateArray().First();
        Assert.Equal("dina", created.GetProperty("actor").GetString());
        Assert.Equal("Dina Marlina", created.GetProperty("actor_name").GetString());
    }

    [Fact]
    public async Task A_provider_token_binding_an_OPD_outside_the_directory_is_refused_with_401()
    {
        var client = With(await TokenOf(SsoBoardFixture.UnknownOpd));
        await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_provider_token_naming_two_roles_is_refused_with_401()
    {
        var client = With(await TokenOf(SsoBoardFixture.TwoRoles));
        await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_provider_token_for_another_audience_is_refused_with_401()
    {
        var client = With(await TokenOf(SsoBoardFixture.OtherAudience));
        await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_another_provider_is_refused_with_401()
    {
        await using var stranger = await TestOidcProvider.StartAsync(SsoBoardFixture.Users);
        stranger.Board = fixture.BaseAddress;
        var token = await stranger.AccessTokenAsync(SsoBoardFixture.CallTaker.Username, SsoBoardFixture.CallTaker.Password);
        await (await With(token).GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Local_tokens_of_programs_are_still_accepted_beside_the_providers()
    {
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/alerts")).AssertJson(HttpStatusCode.OK);
        await (await With(TestTokens.ForeignlySigned("supervisor")).GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    private static StringContent JsonBody(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
