namespace Bengkulu112.Bench;

public static class Workers
{
    /// <summary>Runs <paramref name="work"/> on <paramref name="count"/> concurrent workers; a failure is counted, not fatal.</summary>
    public static async Task<int> RunAsync(int count, Func<int, Task<bool>> work)
    {
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    if (!await work(w))
                        return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (Interlocked.Increment(ref failures) <= 5)
                        Console.Error.WriteLine($"bench: {e.Message}");
                }
            }
        })));
        return failures;
    }
}
