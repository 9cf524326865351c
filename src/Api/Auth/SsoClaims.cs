using System.Security.Claims;

namespace Bengkulu112.Api.Auth;

/// <summary>
/// Turns a validated provider token into the claims Bengkulu112 tokens carry (`sub`, `preferred_username`, `name`,
/// `role`, `opd`), reading username, role, OPD and name from the configured claim names. Pure: the bearer handler calls it, the unit tests too.
/// </summary>
public static class SsoClaims
{
    public const string AuthenticationType = "sso";
    private const string Expiry = "exp";

    /// <summary>The mapped identity, or why the token is refused (then the request answers 401).</summary>
    public sealed record Result(ClaimsIdentity? Identity, string? Refusal);

    /// <summary>
    /// Values of the role claim that are not Bengkulu112 roles (a provider's own roles or groups) are ignored; a token
    /// naming more than one of ours is refused, as a local one would be. A token naming none keeps no role, so every
    /// policy answers 403 as for a local token without a usable role.
    /// </summary>
    public static Result Map(ClaimsPrincipal provider, SsoSettings settings)
    {
        var subject = provider.FindFirst(ClaimNames.Subject)?.Value;
        if (string.IsNullOrEmpty(subject))
            return new Result(null, "the token has no subject");
        var roles = provider.FindAll(settings.RoleClaim).Select(c => c.Value).Where(Roles.IsKnown).Distinct().ToList();
        if (roles.Count > 1)
            return new Result(null, $"the token names {roles.Count} roles; exactly one is allowed");

        var claims = new List<Claim> { new(ClaimNames.Subject, subject) };
        // The expiry stays: a live feed ends when its token does.
        if (provider.FindFirst(Expiry)?.Value is { Length: > 0 } expiry)
            claims.Add(new Claim(Expiry, expiry));
        if (roles.Count == 1)
            claims.Add(new Claim(ClaimNames.Role, roles[0]));
        var opd = provider.FindAll(settings.OpdClaim).Select(c => c.Value).Distinct().ToList();
        if (opd.Count > 1)
            return new Result(null, "the token names more than one OPD");
        if (roles is [Roles.Opd] && opd is [var code] && code.Length > 0)
            claims.Add(new Claim(ClaimNames.Opd, code));
        var name = provider.FindFirst(settings.NameClaim)?.Value;
        claims.Add(new Claim(ClaimNames.Name, string.IsNullOrWhiteSpace(name) ? subject : name));
        if (provider.FindFirst(settings.UsernameClaim)?.Value is { Length: > 0 } username)
            claims.Add(new Claim(ClaimNames.Username, username));
        return new Result(new ClaimsIdentity(claims, AuthenticationType, ClaimNames.Subject, ClaimNames.Role), null);
    }
}
