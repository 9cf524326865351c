using System.Globalization;
using System.Security.Claims;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;

namespace Bengkulu112.Api.Accounts;

/// <summary>
/// A signed-in person's access token: `sub` (the account's stable id), `preferred_username`, `name`, exactly one
/// `role`, `opd` for OPD operators, `sid` (the session) and, while a new password must be chosen, `pwd_change`.
/// </summary>
public sealed class AccessTokens(LocalTokenIssuer issuer, AccountSettings settings)
{
    public SessionResponse Issue(UserAccount user, Guid session)
    {
        var claims = new List<Claim>
        {
            new(ClaimNames.Subject, user.Id.ToString()),
            new(ClaimNames.Username, user.Username),
            new(ClaimNames.Name, user.DisplayName),
            new(ClaimNames.Role, user.Role),
            new(ClaimNames.SessionId, session.ToString()),
        };
        if (user.Opd is not null)
            claims.Add(new Claim(ClaimNames.Opd, user.Opd));
        if (user.MustChangePassword)
            claims.Add(new Claim(ClaimNames.PasswordChangeRequired, "true"));
        var token = issuer.Issue(claims, settings.AccessTokenLifetime);
        return new SessionResponse(token, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, user.MustChangePassword,
            UserResponse.From(user));
    }

    /// <summary>The session of an account token, or null for programs' tokens (which have none).</summary>
    public static Guid? SessionOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(ClaimNames.SessionId)?.Value, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The account of an account token, or null for programs' tokens.</summary>
    public static Guid? AccountOf(ClaimsPrincipal user) =>
        SessionOf(user) is not null && Guid.TryParse(user.FindFirst(ClaimNames.Subject)?.Value, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
