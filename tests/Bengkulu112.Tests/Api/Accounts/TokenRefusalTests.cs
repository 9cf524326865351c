using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Bengkulu112.Api.Auth;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>Tokens no route accepts: several roles, an OPD outside the directory, tampered, `alg: none`, wrong audience.</summary>
public sealed class TokenRefusalTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private async Task AssertRefused(string token, string path = "/api/v1/tickets")
    {
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.GetAsync(path);
        // Refused as a bearer token (the challenge names the scheme), with the 401 problem body.
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    private string Signed(params Claim[] claims) =>
        new LocalTokenIssuer(fixture.Tokens.Settings, LocalSigningKey.Load(fixture.Tokens.Settings), TimeProvider.System)
            .Issue(claims, TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_token_with_several_roles_is_401_even_when_it_names_an_OPD()
    {
        await AssertRefused(Signed(new("sub", "two-hats"), new("role", "calltaker"), new("role", "opd"), new("opd", "damkar")));
        await AssertRefused(Signed(new("sub", "two-hats"), new("role", "supervisor"), new("role", "admin")), "/api/v1/opds");
    }

    [Fact]
    public async Task An_OPD_token_whose_OPD_is_not_in_the_directory_is_401()
    {
        await AssertRefused(Signed(new("sub", "ghost"), new("role", "opd"), new("opd", "dinasgaib")));
        await AssertRefused(Signed(new("sub", "ghost"), new("role", "opd"), new("opd", "NOT A CODE")));
        // The same token for a real OPD passes.
        var client = fixture.ClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Signed(new("sub", "real"), new("role", "opd"), new("opd", "damkar")));
        await (await client.GetAsync("/api/v1/tickets")).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var parts = fixture.Tokens.For("calltaker").Split('.');
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[1])).Replace("\"calltaker\"", "\"admin\"");
        await AssertRefused($"{parts[0]}.{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}", "/api/v1/opds");
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_401()
    {
        var header = WebEncoders.Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var payload = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
            $$"""{"sub":"x","role":"admin","iss":"bengkulu112-local","aud":"bengkulu112-api","exp":{{exp}}}"""));
        await AssertRefused($"{header}.{payload}.", "/api/v1/opds");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        var settings = new AuthSettings { SigningKeyFile = fixture.Tokens.KeyFile, Audience = "another-api" };
        await AssertRefused(new LocalTokenIssuer(settings, LocalSigningKey.Load(settings), TimeProvider.System).Issue("x", "admin"), "/api/v1/opds");
    }

    [Fact]
    public async Task An_expired_token_is_401() =>
        await AssertRefused(fixture.Tokens.Expired("supervisor"), "/api/v1/opds");

    [Fact]
    public async Task A_token_signed_with_a_key_of_the_wrong_kind_is_401()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = new RsaSecurityKey(rsa);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "bengkulu112-local", Audience = "bengkulu112-api", Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new ClaimsIdentity([new Claim("sub", "x"), new Claim("role", "admin")]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        await AssertRefused(new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(descriptor), "/api/v1/opds");
    }
}
