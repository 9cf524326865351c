using System.Security.Claims;

namespace Bengkulu112.Api.Auth;

/// <summary>Who may see an OPD's own work: the users of that OPD and supervisors (API.md "that opd, supervisor").</summary>
public static class OpdAccess
{
    public static bool MaySeeTicketsOf(this ClaimsPrincipal user, string opd) =>
        user.IsInRole(Roles.Supervisor) || user.OpdCode() == opd;
}
