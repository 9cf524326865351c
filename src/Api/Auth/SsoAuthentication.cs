using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bengkulu112.Api.Auth;

/// <summary>
/// With `Auth:Authority` set the API accepts two kinds of bearer tokens: the provider's (checked against its published
/// keys, issuer and the configured audience, claims mapped by <see cref="SsoClaims"/>) and local ones (the local
/// signing key: sessions of local accounts, programs' tokens). A policy scheme picks the handler by the token's issuer;
/// whichever handler is picked still validates everything, so a forged issuer only picks the handler that refuses it.
/// </summary>
public static class SsoAuthentication
{
    /// <summary>The scheme of provider tokens.</summary>
    public const string Scheme = "sso";

    /// <summary>The default scheme when a provider is configured: forwards to <see cref="Scheme"/> or the local one.</summary>
    public const string SelectorScheme = "bearer";

    /// <summary>Provider tokens are signed with the provider's private key: no symmetric algorithm, never `none`.</summary>
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static bool IsConfigured(AuthSettings settings) => !string.IsNullOrWhiteSpace(settings.Authority);

    /// <summary>The provider's origin (scheme, host, port), for the board's content policy; null without a provider.</summary>
    public static string? ProviderOrigin(AuthSettings settings) =>
        IsConfigured(settings) && Uri.TryCreate(settings.Authority, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>
    /// With `Auth:Authority` set: the provider's bearer scheme, and the selector (made the default scheme) that forwards
    /// to it or to the local scheme. Without: nothing, the local scheme stays the default.
    /// </summary>
    public static AuthenticationBuilder AddSsoWhenConfigured(this AuthenticationBuilder builder, AuthSettings settings,
        IConfiguration configuration)
    {
        var sso = SsoSettings.From(configuration);
        builder.Services.AddSingleton(sso);
        if (!IsConfigured(settings))
            return builder;
        if (ProviderOrigin(settings) is null)
            throw new InvalidOperationException($"Auth__Authority '{settings.Authority}' is not an absolute URL.");
        builder.Services.Configure<AuthenticationOptions>(o => o.DefaultScheme = SelectorScheme);
        builder.AddJwtBearer(Scheme, o =>
        {
            o.Authority = settings.Authority;
            o.Audience = settings.Audience;
            o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true, // the issuer of the provider's metadata
                ValidateAudience = true,
                ValidAudience = settings.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                ValidAlgorithms = AsymmetricAlgorithms,
                ClockSkew = settings.ClockSkew,
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
            };
            o.Events = new JwtBearerEvents
            {
                // Mapped to our claims, then held to the same checks as local tokens (one role, OPD in the directory).
                OnTokenValidated = context =>
                {
                    var mapped = SsoClaims.Map(context.Principal!, sso);
                    if (mapped.Identity is null)
                    {
                        context.Fail(mapped.Refusal!);
                        return Task.CompletedTask;
                    }
                    context.Principal = new System.Security.Claims.ClaimsPrincipal(mapped.Identity);
                    return TokenChecks.ValidateAsync(context);
                },
            };
        });
        builder.AddPolicyScheme(SelectorScheme, "Bearer (provider or local)", o =>
            o.ForwardDefaultSelector = http => IsLocal(http, settings) ? JwtBearerDefaults.AuthenticationScheme : Scheme);
        return builder;
    }

    /// <summary>Whether the bearer token (read, not yet trusted) names the local issuer; anything unreadable is local too.</summary>
    private static bool IsLocal(HttpContext http, AuthSettings settings)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return true;
        var handler = new JsonWebTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        if (!handler.CanReadToken(token))
            return true;
        try
        {
            return handler.ReadJsonWebToken(token).Issuer == settings.Issuer;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
