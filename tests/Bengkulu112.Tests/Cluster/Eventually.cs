namespace Bengkulu112.Tests.Cluster;

public static class Eventually
{
    /// <summary>Retries <paramref name="attempt"/> until it yields a value passing <paramref name="done"/> or the time is up.</summary>
    public static async Task<T> Within<T>(TimeSpan limit, Func<Task<T>> attempt, Func<T, bool> done)
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
            await Task.Delay(250);
        }
        throw new TimeoutException($"Condition not met within {limit}; last value {value}", last);
    }
}
