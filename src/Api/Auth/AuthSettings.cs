namespace Bengkulu112.Api.Auth;

/// <summary>Token settings, bound from the `Auth` configuration section.</summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>
    /// An external OpenID Connect issuer (e.g. `https://login.example.org/realms/112`). When set, the board signs in
    /// through it and the API accepts its tokens beside local ones (a local key is then optional).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>File holding the base64 HMAC key that signs and checks local tokens (./run.sh creates it once).</summary>
    public string? SigningKeyFile { get; set; }

    public string Issuer { get; set; } = "bengkulu112-local";
    public string Audience { get; set; } = "bengkulu112-api";

    /// <summary>How long a locally minted token is valid (one shift by default).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    public bool RequireHttpsMetadata { get; set; } = true;
}
