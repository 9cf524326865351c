using System.Security.Claims;

namespace Bengkulu112.Api.Auth;

public static class UserExtensions
{
    /// <summary>Who did it, as recorded in timelines and audit rows: the token subject.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Subject)?.Value ?? throw new InvalidOperationException("Authenticated user without a subject.");

    public static bool IsInRoleOf(this ClaimsPrincipal user, string role) => user.IsInRole(role);

    /// <summary>The OPD an `opd` user is bound to, or null for other roles.</summary>
    public static string? OpdCode(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Opd) ? user.FindFirst(ClaimNames.Opd)?.Value : null;
}
