using Bengkulu112.Opds;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Bengkulu112.Api.Auth;

/// <summary>
/// What every bearer token must satisfy beyond its signature, issuer, audience and lifetime, whoever issued it (local
/// accounts, programs' tokens, an identity provider): exactly one role (a token with several is refused, so no rule can
/// pick the "wrong" one), and an `opd` claim that names an OPD of the directory. Refusals are 401s.
/// </summary>
public static class TokenChecks
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var user = context.Principal!;
        if (user.FindAll(ClaimNames.Role).Count() > 1)
        {
            context.Fail("The token carries several roles; exactly one is allowed.");
            return;
        }
        if (user.FindFirst(ClaimNames.Opd)?.Value is { Length: > 0 } opd && !await InDirectoryAsync(context.HttpContext, opd))
            context.Fail($"The token's OPD '{opd}' is not in the OPD directory.");
    }

    private static async Task<bool> InDirectoryAsync(HttpContext http, string code) =>
        OpdCode.IsValid(code)
        && await http.RequestServices.GetRequiredService<IClusterClient>().GetGrain<IOpdGrain>(code).Get() is not null;
}
