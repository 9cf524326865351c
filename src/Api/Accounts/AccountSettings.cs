namespace Bengkulu112.Api.Accounts;

/// <summary>Local accounts and their sessions, bound from the `Auth` section (e.g. `Auth__LocalAccounts=false`).</summary>
public sealed class AccountSettings
{
    /// <summary>Whether people may sign in with a local username and password (turn off when an identity provider is used).</summary>
    public bool LocalAccounts { get; set; } = true;

    /// <summary>How long an access token of a signed-in person is valid (at most 15 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a session lasts at most, however often it is refreshed (one shift).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromHours(12);

    public bool IsValid() =>
        AccessTokenLifetime > TimeSpan.Zero && AccessTokenLifetime <= MaxAccessTokenLifetime
        && SessionLifetime > TimeSpan.Zero && SessionLifetime <= MaxSessionLifetime;
}
