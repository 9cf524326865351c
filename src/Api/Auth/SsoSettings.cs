namespace Bengkulu112.Api.Auth;

/// <summary>
/// Single sign-on through the city's OpenID Connect provider (<see cref="AuthSettings.Authority"/>), bound from the
/// `Auth` configuration section: the board's client registration and the claims that carry role, OPD and name.
/// </summary>
public sealed class SsoSettings
{
    /// <summary>The board's client id at the provider (a public client: authorization code + PKCE, no secret).</summary>
    public string ClientId { get; set; } = "bengkulu112-board";

    /// <summary>Scopes the board asks for; add `offline_access` where the provider gives public clients refresh tokens.</summary>
    public string Scope { get; set; } = "openid profile";

    /// <summary>The claim of provider tokens holding the role (one of SPEC.md §3's; exactly one value).</summary>
    public string RoleClaim { get; set; } = ClaimNames.Role;

    /// <summary>The claim of provider tokens holding an OPD operator's OPD code.</summary>
    public string OpdClaim { get; set; } = ClaimNames.Opd;

    /// <summary>The claim of provider tokens holding the person's display name.</summary>
    public string NameClaim { get; set; } = ClaimNames.Name;

    /// <summary>The claim of provider tokens holding the person's username (what timelines call the actor).</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    public static SsoSettings From(IConfiguration configuration) =>
        configuration.GetSection(AuthSettings.Section).Get<SsoSettings>() ?? new SsoSettings();
}
