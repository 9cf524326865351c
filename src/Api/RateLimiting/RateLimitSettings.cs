namespace Bengkulu112.Api.RateLimiting;

/// <summary>How much one API client may ask (section `RateLimits`); calls and ticket commands are never limited.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Requests a token (or, without one, an address) may make per minute, refilled continuously.</summary>
    public int PermitsPerMinute { get; set; } = 600;

    /// <summary>How many requests may come at once on top of the steady rate.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Sign-in attempts (`POST /auth/login`) one client address may make per minute, on top of the per-username lockout.</summary>
    public int LoginAttemptsPerAddressPerMinute { get; set; } = 30;
}
