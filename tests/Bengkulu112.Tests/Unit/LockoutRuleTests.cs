using Bengkulu112.Api.Accounts;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class LockoutRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static List<DateTimeOffset> At(params double[] minutes) => [.. minutes.Select(m => T0.AddMinutes(m))];

    [Fact]
    public void Four_failures_do_not_lock() => Assert.Null(LockoutRule.LockedUntil(At(0, 1, 2, 3), T0.AddMinutes(3)));

    [Fact]
    public void The_fifth_failure_within_15_minutes_locks_for_15_minutes_from_it()
    {
        var failures = At(0, 1, 2, 3, 14.5);
        Assert.Equal(T0.AddMinutes(29.5), LockoutRule.LockedUntil(failures, T0.AddMinutes(15)));
        Assert.Null(LockoutRule.LockedUntil(failures, T0.AddMinutes(29.5)));
    }

    [Fact]
    public void Five_failures_spread_over_15_minutes_or_more_do_not_lock() =>
        Assert.Null(LockoutRule.LockedUntil(At(0, 1, 2, 3, 15), T0.AddMinutes(15)));

    [Fact]
    public void After_a_lock_counting_starts_afresh()
    {
        // Locked from minute 4 to 19; one failure after it is not a sixth of five.
        Assert.Null(LockoutRule.LockedUntil(At(0, 1, 2, 3, 4, 20), T0.AddMinutes(20)));
        Assert.Equal(T0.AddMinutes(39), LockoutRule.LockedUntil(At(0, 1, 2, 3, 4, 20, 21, 22, 23, 24), T0.AddMinutes(24)));
    }
}

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("short", "budi", "at least 10")]
    [InlineData("budi.santoso", "budi.santoso", "username")]
    [InlineData("BUDI.SANTOSO", "budi.santoso", "username")]
    [InlineData("password1234", "budi", "common")]
    [InlineData("QwertyUIOP", "budi", "common")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string username, string reason) =>
        Assert.Contains(reason, PasswordRules.Refusal(password, username));

    [Fact]
    public void A_long_uncommon_password_is_accepted_and_length_counts_characters_not_bytes()
    {
        Assert.Null(PasswordRules.Refusal("Kampung-Melayu-112", "budi"));
        Assert.NotNull(PasswordRules.Refusal("🚒🚒🚒🚒🚒", "budi")); // 5 characters in 10 UTF-16 units
    }

    [Fact]
    public void The_shipped_common_password_list_is_loaded() => Assert.True(CommonPasswords.Count > 1000);
}
