using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bengkulu112.Api.Auth;

/// <summary>Mints tokens for local runs and tests, signed with the local key.</summary>
public sealed class LocalTokenIssuer(AuthSettings settings, SecurityKey key, TimeProvider time)
{
    public string Issue(string subject, string role, string? opd = null, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject), new(ClaimNames.Role, role) };
        if (opd is not null)
            claims.Add(new Claim(ClaimNames.Opd, opd));
        var now = time.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? settings.TokenLifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
