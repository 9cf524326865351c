using Microsoft.AspNetCore.Authorization;

namespace Bengkulu112.Api.Auth;

/// <summary>Authorization policies named after who may pass; endpoints pick one instead of checking roles inline.</summary>
public static class Policies
{
    /// <summary>Any signed-in user with a known role (an `opd` user must also name its OPD).</summary>
    public const string AnyRole = "any-role";
    public const string Admin = "admin";
    public const string Supervisor = "supervisor";
    public const string CallTakerOrSupervisor = "calltaker-or-supervisor";
    public const string OpdOrSupervisor = "opd-or-supervisor";
    public const string Opd = "opd";
    public const string SupervisorOrAdmin = "supervisor-or-admin";

    /// <summary>Supervisors, and the users of the OPD named by the route's `{code}` (API.md "that opd, supervisor").</summary>
    public const string RouteOpdOrSupervisor = "route-opd-or-supervisor";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(AnyRole, p => SignedIn(p));
        options.AddPolicy(Admin, p => SignedIn(p).RequireRole(Roles.Admin));
        options.AddPolicy(Supervisor, p => SignedIn(p).RequireRole(Roles.Supervisor));
        options.AddPolicy(CallTakerOrSupervisor, p => SignedIn(p).RequireRole(Roles.CallTaker, Roles.Supervisor));
        options.AddPolicy(OpdOrSupervisor, p => SignedIn(p).RequireRole(Roles.Opd, Roles.Supervisor));
        options.AddPolicy(Opd, p => SignedIn(p).RequireRole(Roles.Opd));
        options.AddPolicy(SupervisorOrAdmin, p => SignedIn(p).RequireRole(Roles.Supervisor, Roles.Admin));
        options.AddPolicy(RouteOpdOrSupervisor, p => SignedIn(p).RequireAssertion(c =>
            c.User.IsInRole(Roles.Supervisor)
            || (c.Resource is HttpContext http && http.GetRouteValue("code") is string code && c.User.OpdCode() == code)));
        // Every route requires a valid token unless it says otherwise (health, OpenAPI, docs).
        options.FallbackPolicy = options.GetPolicy(AnyRole);
    }

    private static AuthorizationPolicyBuilder SignedIn(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireClaim(ClaimNames.Subject).RequireAssertion(c => HasValidRole(c.User));

    private static bool HasValidRole(System.Security.Claims.ClaimsPrincipal user)
    {
        var roles = user.FindAll(ClaimNames.Role).Select(c => c.Value).ToList();
        if (roles.Count == 0 || !roles.All(Roles.IsKnown))
            return false;
        return !roles.Contains(Roles.Opd) || !string.IsNullOrEmpty(user.FindFirst(ClaimNames.Opd)?.Value);
    }
}
