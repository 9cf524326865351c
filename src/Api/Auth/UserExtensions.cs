using System.Security.Claims;

namespace Bengkulu112.Api.Auth;

public static class UserExtensions
{
    /// <summary>Who did it, as recorded in timelines and audit rows: a person's username, else the token subject.</summary>
    public static string Actor(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Username)?.Value is { Length: > 0 } username
            ? username
            : user.FindFirst(ClaimNames.Subject)?.Value ?? throw new InvalidOperationException("Authenticated user without a subject.");

    /// <summary>A person's display name, or null for programs' tokens.</summary>
    public static string? ActorName(this ClaimsPrincipal user) =>
        user.FindFirst(ClaimNames.Name)?.Value is { Length: > 0 } name ? name : null;

    public static bool IsInRoleOf(this ClaimsPrincipal user, string role) => user.IsInRole(role);

    /// <summary>The user as grains see it: username, role, (for `opd` users) the OPD it is bound to, display name.</summary>
    public static Common.Actor ToActor(this ClaimsPrincipal user)
    {
        var role = Roles.All.FirstOrDefault(user.IsInRole)
            ?? throw new InvalidOperationException("Authenticated user without a known role.");
        return new Common.Actor(user.Actor(), role, user.OpdCode(), user.ActorName());
    }

    /// <summary>The OPD an `opd` user is bound to, or null for other roles.</summary>
    public static string? OpdCode(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.Opd) ? user.FindFirst(ClaimNames.Opd)?.Value : null;
}
