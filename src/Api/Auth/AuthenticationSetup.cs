using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Bengkulu112.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>JWT bearer authentication with the local signing key and, when configured, a provider's tokens; the role policies.</summary>
    public static IServiceCollection AddBengkulu112Auth(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        services.AddSingleton(settings);

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.Events = new JwtBearerEvents { OnTokenValidated = TokenChecks.ValidateAsync };
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = settings.Issuer,
                ValidateAudience = true,
                ValidAudience = settings.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                ClockSkew = settings.ClockSkew,
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
            };
            // With a provider (SsoAuthentication) the local key is optional: without one, no local token is accepted.
            if (!SsoAuthentication.IsConfigured(settings) || !string.IsNullOrWhiteSpace(settings.SigningKeyFile))
            {
                var key = LocalSigningKey.Load(settings);
                o.TokenValidationParameters.IssuerSigningKey = key;
            }
            o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }).AddSsoWhenConfigured(settings, configuration);
        services.AddAuthorization(Policies.Add);
        return services;
    }
}
