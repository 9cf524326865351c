namespace Bengkulu112.Tests.Cluster;

/// <summary>The one way tests wait: for a condition, with a deadline, never for a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>Retries <paramref name="attempt"/> until it yields a value passing <paramref name="done"/> or the time is up.</summary>
    public static Task<T> Within<T>(TimeSpan limit, Func<Task<T>> attempt, Func<T, bool> done) =>
        Within(limit, attempt, done, Pause);

    /// <summary>Checks <paramref name="condition"/> (an in-memory one: it is cheap to ask often) until it holds or the time is up.</summary>
    public static Task True(TimeSpan limit, Func<bool> condition) =>
        Within(limit, () => Task.FromResult(condition()), holds => holds, TimeSpan.FromMilliseconds(5));

    private static async Task<T> Within<T>(TimeSpan limit, Func<Task<T>> attempt, Func<T, bool> done, TimeSpan pause)
    {
        var deadline = DateTime.UtcNow + limit;
        Exception? last = null;
        T? value = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await attempt();
                if (done(value))
                    return value;
            }
            catch (Exception e)
            {
                last = e;
            }
            await Task.Delay(pause);
        }
        throw new TimeoutException($"Condition not met within {limit}; last value {value}", last);
    }
}
