using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class SsoClaimsTests
{
    private static readonly SsoSettings Settings = new() { RoleClaim = "groups", OpdClaim = "agency", NameClaim = "display", UsernameClaim = "upn" };

    private static ClaimsPrincipal Provider(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "jwt"));

    [Fact]
    public void Username_role_OPD_and_name_are_read_from_the_configured_claims()
    {
        var mapped = SsoClaims.Map(Provider(("sub", "u1"), ("groups", "opd"), ("groups", "staff"), ("agency", "damkar"),
            ("display", "Sari"), ("upn", "sari"), ("exp", "1900000000"), ("sid", "provider-session")), Settings);
        var identity = Assert.IsType<ClaimsIdentity>(mapped.Identity);
        Assert.Equal("u1", identity.FindFirst("sub")!.Value);
        Assert.Equal(["opd"], identity.FindAll("role").Select(c => c.Value)); // "staff" is no Bengkulu112 role: ignored
        Assert.Equal("damkar", identity.FindFirst("opd")!.Value);
        Assert.Equal("Sari", identity.FindFirst("name")!.Value);
        Assert.Equal("sari", identity.FindFirst("preferred_username")!.Value);
        Assert.Equal("1900000000", identity.FindFirst("exp")!.Value); // live feeds end with the token
        Assert.Null(identity.FindFirst("sid")); // the provider's session is none of ours
        Assert.True(new ClaimsPrincipal(identity).IsInRole("opd"));
    }

    [Fact]
    public void Two_of_our_roles_refuse_the_token()
    {
        var mapped = SsoClaims.Map(Provider(("sub", "u2"), ("groups", "calltaker"), ("groups", "supervisor")), Settings);
        Assert.Null(mapped.Identity);
        Assert.Contains("2 roles", mapped.Refusal);
    }

    [Fact]
    public void An_OPD_claim_binds_OPD_operators_only_and_two_OPDs_refuse_the_token()
    {
        var supervisor = SsoClaims.Map(Provider(("sub", "u3"), ("groups", "supervisor"), ("agency", "damkar")), Settings);
        Assert.Null(supervisor.Identity!.FindFirst("opd"));
        Assert.Null(SsoClaims.Map(Provider(("sub", "u4"), ("groups", "opd"), ("agency", "damkar"), ("agency", "bpbd")), Settings).Identity);
    }

    [Fact]
    public void Without_a_name_the_subject_names_the_person_and_without_a_subject_the_token_is_refused()
    {
        Assert.Equal("u5", SsoClaims.Map(Provider(("sub", "u5"), ("groups", "admin")), Settings).Identity!.FindFirst("name")!.Value);
        Assert.Null(SsoClaims.Map(Provider(("groups", "admin")), Settings).Identity);
    }
}
