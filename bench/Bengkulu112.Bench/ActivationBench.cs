namespace Bengkulu112.Bench;

/// <summary>Reads every ticket of an ids file once, so each ticket grain is active on a silo (for the memory figure).</summary>
public static class ActivationBench
{
    public static async Task<int> RunAsync(ApiClient api, BenchOptions options)
    {
        var ids = await File.ReadAllLinesAsync(options.IdsFile ?? throw new ArgumentException("--ids-file is required"));
        var next = -1;
        var failures = await Workers.RunAsync(options.Workers, async _ =>
        {
            var n = Interlocked.Increment(ref next);
            if (n >= ids.Length)
                return false;
            await api.SendAsync("get", HttpMethod.Get, $"/api/v1/tickets/{ids[n]}");
            return true;
        });
        Output.Line("activated", ids.Length - failures);
        Output.Line("failures", failures);
        return 0;
    }
}
