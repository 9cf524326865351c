using System.Text;
using Bengkulu112.Api.Audit;

namespace Bengkulu112.Api.Accounts;

/// <summary>
/// Signing in with a username and password (SPEC.md §5): the lockout is checked first, the password is always checked
/// against a hash (a decoy one for unknown users) so answers and their timing do not tell which usernames exist, and
/// every attempt is recorded (lockout counts them) and audited with the client address.
/// </summary>
public sealed class SignIn(UserStore users, SessionStore sessions, SignInAttempts attempts, AuditLog audit,
    AccountSettings settings, TimeProvider time)
{
    public const string AuditSubjectPrefix = "user:";

    public async Task<SignInOutcome> RunAsync(string typedUsername, string password, string? clientAddress)
    {
        var now = time.GetUtcNow();
        var username = Usernames.FromSignIn(typedUsername);
        var recorded = username ?? Printable(typedUsername);

        if (username is not null && await attempts.LockedUntilAsync(username, now) is { } lockedUntil)
        {
            await audit.RecordAsync(recorded, null, AuditActions.SignInLocked, AuditSubjectPrefix + recorded,
                new { client_address = clientAddress, locked_until = lockedUntil });
            return SignInOutcome.LockedOut(lockedUntil - now);
        }

        var user = username is null ? null : await users.FindByUsernameAsync(username);
        var check = PasswordHashing.Verify(user?.PasswordHash, password);
        if (user is null || !user.Active || check == PasswordCheck.Wrong)
        {
            if (username is not null)
                await attempts.RecordAsync(username, clientAddress, now, succeeded: false);
            var reason = user is null ? "unknown_user" : !user.Active ? "inactive" : "wrong_password";
            await audit.RecordAsync(recorded, user?.DisplayName, AuditActions.SignInFailed, AuditSubjectPrefix + recorded,
                new { client_address = clientAddress, reason });
            return SignInOutcome.Refused;
        }

        await attempts.RecordAsync(user.Username, clientAddress, now, succeeded: true);
        await users.RecordSignInAsync(user.Id, now, check == PasswordCheck.RightButRehash ? PasswordHashing.Hash(password) : null);
        var (session, refresh, expires) = await sessions.StartAsync(user.Id, now, settings.SessionLifetime);
        await audit.RecordAsync(user.Username, user.DisplayName, AuditActions.SignIn, AuditSubjectPrefix + user.Username,
            new { client_address = clientAddress, session });
        return new SignInOutcome(user with { LastSignInAt = now }, session, refresh, expires, null);
    }

    /// <summary>
    /// What the audit records of a username no account can have: its first 64 printable characters (PostgreSQL text
    /// takes no NUL, and broken surrogates would not encode), never the whole input.
    /// </summary>
    private static string Printable(string typed) =>
        string.Concat(typed.Trim().EnumerateRunes().Where(r => !Rune.IsControl(r)).Take(Usernames.MaxLength).Select(r => r.ToString()));
}

/// <summary>A signed-in user with the new session, or (User null) a refusal, or a lockout with how long it lasts.</summary>
public sealed record SignInOutcome(UserAccount? User, Guid Session, string? RefreshToken, DateTimeOffset ExpiresAt, TimeSpan? RetryAfter)
{
    public static readonly SignInOutcome Refused = new(null, Guid.Empty, null, default, null);

    public static SignInOutcome LockedOut(TimeSpan retryAfter) => new(null, Guid.Empty, null, default, retryAfter);
}

/// <summary>The `action` of audit rows about accounts and sign-ins.</summary>
public static class AuditActions
{
    public const string SignIn = "auth.sign_in";
    public const string SignInFailed = "auth.sign_in_failed";
    public const string SignInLocked = "auth.sign_in_locked";
    public const string SignOut = "auth.sign_out";
    public const string RefreshReused = "auth.refresh_reused";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string PasswordChange = "user.password_change";
    public const string PasswordReset = "user.password_reset";
}
