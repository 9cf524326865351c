using System.Globalization;
using System.Security.Claims;
using Bengkulu112.Api.Accounts;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// How long a live feed may run: until the token it was opened with expires and, for a person's token, while its
/// session is open (checked every <see cref="FeedOptions.SessionCheckInterval"/>), so a deactivated user's or a signed-out
/// session's feed ends within seconds. The client reconnects with a fresh token and `Last-Event-ID`.
/// </summary>
public sealed class FeedLease(DateTimeOffset expiresAt, Guid? session, SessionStore sessions, TimeSpan checkInterval, TimeProvider time)
{
    private DateTimeOffset _nextCheck = time.GetUtcNow();

    public static FeedLease For(HttpContext http, TimeSpan checkInterval)
    {
        var services = http.RequestServices;
        return new FeedLease(ExpiryOf(http.User), AccessTokens.SessionOf(http.User), services.GetRequiredService<SessionStore>(),
            checkInterval, services.GetRequiredService<TimeProvider>());
    }

    /// <summary>Whether the feed may go on now; checks the session when a check is due.</summary>
    public async Task<bool> HoldsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now >= expiresAt)
            return false;
        if (session is not { } id || now < _nextCheck)
            return true;
        _nextCheck = now + checkInterval;
        return await sessions.IsOpenAsync(id, now, ct);
    }

    /// <summary>The longest a feed may wait before it must look at its lease again.</summary>
    public TimeSpan UntilNextLook()
    {
        var now = time.GetUtcNow();
        var next = session is null ? expiresAt : (_nextCheck < expiresAt ? _nextCheck : expiresAt);
        return next > now ? next - now : TimeSpan.Zero;
    }

    /// <summary>The token's `exp` (every accepted token has one: the bearer setup requires it).</summary>
    public static DateTimeOffset ExpiryOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
}
