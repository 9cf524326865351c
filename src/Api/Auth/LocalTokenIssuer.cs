using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bengkulu112.Api.Auth;

/// <summary>Mints tokens signed with the local key: programs' tokens for local runs and tests, and people's access tokens.</summary>
public sealed class LocalTokenIssuer(AuthSettings settings, SecurityKey key, TimeProvider time)
{
    public string Issue(string subject, string role, string? opd = null, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject), new(ClaimNames.Role, role) };
        if (opd is not null)
            claims.Add(new Claim(ClaimNames.Opd, opd));
        return Issue(claims, lifetime ?? settings.TokenLifetime);
    }

    public string Issue(IEnumerable<Claim> claims, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
