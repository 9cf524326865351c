using System.Globalization;
using System.Security.Claims;

namespace Bengkulu112.Api.Interop.Conveyance;

/// <summary>When a signed-in user's session ends, as a token a long-lived connection (the EIDO WebSocket) watches.</summary>
public sealed class SessionWatch(CancellationTokenSource source, string reason) : IDisposable
{
    private string _reason = reason;

    public CancellationToken Ended => source.Token;

    /// <summary>Why the session ends (sent in the `terminate` message).</summary>
    public string Reason => Volatile.Read(ref _reason);

    /// <summary>Ends the watch now, for <paramref name="why"/>.</summary>
    public void End(string why)
    {
        Volatile.Write(ref _reason, why);
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection is gone already.
        }
    }

    public void Dispose() => source.Dispose();
}

/// <summary>Where connections learn that a session is over: the access token's expiry, or the person's session ending.</summary>
public interface ISessionLifetime
{
    SessionWatch Watch(ClaimsPrincipal user);
}

/// <summary>
/// Ends a watch when the access token expires or, for a person's token, when their session ends (sign-out,
/// deactivation, password change): the same lease the SSE feeds hold, checked every `Feeds:SessionCheckInterval`.
/// </summary>
public sealed class AccountSessionLifetime(Accounts.SessionStore sessions, Microsoft.Extensions.Options.IOptions<Streaming.FeedOptions> options,
    TimeProvider time) : ISessionLifetime
{
    public const string Expired = "access token expired";
    public const string SessionEnded = "session ended";

    public SessionWatch Watch(ClaimsPrincipal user)
    {
        var expiresAt = Streaming.FeedLease.ExpiryOf(user);
        var lease = new Streaming.FeedLease(expiresAt, Accounts.AccessTokens.SessionOf(user), sessions,
            options.Value.SessionCheckInterval, time);
        var source = new CancellationTokenSource();
        var watch = new SessionWatch(source, Expired);
        _ = FollowAsync(lease, expiresAt, watch, source.Token);
        return watch;
    }

    private async Task FollowAsync(Streaming.FeedLease lease, DateTimeOffset expiresAt, SessionWatch watch, CancellationToken ended)
    {
        try
        {
            while (!ended.IsCancellationRequested)
            {
                await Task.Delay(lease.UntilNextLook(), time, ended);
                if (time.GetUtcNow() >= expiresAt)
                {
                    watch.End(Expired);
                    return;
                }
                if (!await lease.HoldsAsync(ended))
                {
                    watch.End(SessionEnded);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // The session cannot be checked now: the token's expiry still ends the watch.
            try
            {
                await Task.Delay(expiresAt - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero, time, ended);
                watch.End(Expired);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
