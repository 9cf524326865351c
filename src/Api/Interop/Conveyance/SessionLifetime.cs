using System.Globalization;
using System.Security.Claims;

namespace Bengkulu112.Api.Interop.Conveyance;

/// <summary>When a signed-in user's session ends, as a token a long-lived connection (the EIDO WebSocket) watches.</summary>
public sealed class SessionWatch(CancellationTokenSource source, string reason) : IDisposable
{
    public CancellationToken Ended => source.Token;

    /// <summary>Why the session ends (sent in the `terminate` message).</summary>
    public string Reason => reason;

    public void Dispose() => source.Dispose();
}

/// <summary>
/// Where connections learn that a session is over. Today: the access token's expiry. Sign-out is a second source a
/// later implementation links in (a token per session id, cancelled when that session is ended), without touching the
/// connections themselves.
/// </summary>
public interface ISessionLifetime
{
    SessionWatch Watch(ClaimsPrincipal user);
}

/// <summary>Ends a session when its access token's `exp` passes.</summary>
public sealed class TokenExpiryLifetime(TimeProvider time) : ISessionLifetime
{
    public SessionWatch Watch(ClaimsPrincipal user)
    {
        var exp = user.FindFirst("exp")?.Value;
        if (exp is null || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return new SessionWatch(new CancellationTokenSource(), "session ended");
        var left = DateTimeOffset.FromUnixTimeSeconds(seconds) - time.GetUtcNow();
        return new SessionWatch(new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time),
            "access token expired");
    }
}
