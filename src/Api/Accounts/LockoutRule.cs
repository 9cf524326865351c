namespace Bengkulu112.Api.Accounts;

/// <summary>
/// SPEC.md §5: five failed sign-ins within 15 minutes lock the username for 15 minutes. Attempts refused while locked are
/// not counted; once a lock has passed, counting starts afresh; a successful sign-in clears the count (callers pass only
/// the failures after the last success).
/// </summary>
public static class LockoutRule
{
    public const int Failures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>How far back failures can still matter.</summary>
    public static readonly TimeSpan Horizon = Window + Duration;

    /// <summary>Until when the username is locked at <paramref name="now"/>, or null; <paramref name="failures"/> oldest first.</summary>
    public static DateTimeOffset? LockedUntil(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now)
    {
        DateTimeOffset? until = null;
        var counted = new List<DateTimeOffset>();
        foreach (var at in failures)
        {
            if (until is { } locked && at < locked)
                continue;
            counted.Add(at);
            if (counted.Count >= Failures && at - counted[^Failures] < Window)
            {
                until = at + Duration;
                counted.Clear();
            }
        }
        return until > now ? until : null;
    }
}
