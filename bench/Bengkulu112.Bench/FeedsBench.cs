using System.Net;
using System.Net.Http.Headers;

namespace Bengkulu112.Bench;

/// <summary>
/// Opens <see cref="BenchOptions.Count"/> live ticket feeds (`GET /api/v1/stream/tickets`, Server-Sent Events) on the
/// API node and holds them open for <see cref="BenchOptions.Duration"/>, reading every event, while bench/run.sh
/// measures the node and PostgreSQL. Prints `open=N` (and `refused=M`) once every feed has answered, then `events=E`
/// (events received in all) and `dropped=D` (feeds the server ended early) when the time is up.
/// </summary>
public static class FeedsBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Count + 16,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = options.Url,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var hold = new CancellationTokenSource();
        long events = 0, dropped = 0;
        var opened = new TaskCompletionSource<bool>[options.Count];
        var feeds = new Task[options.Count];
        for (var i = 0; i < options.Count; i++)
        {
            var answered = opened[i] = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            feeds[i] = Task.Run(async () =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/stream/tickets");
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hold.Token);
                    answered.TrySetResult(response.StatusCode == HttpStatusCode.OK);
                    if (response.StatusCode != HttpStatusCode.OK)
                        return;
                    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(hold.Token));
                    while (await reader.ReadLineAsync(hold.Token) is { } line)
                    {
                        if (line.StartsWith("event:", StringComparison.Ordinal))
                            Interlocked.Increment(ref events);
                    }
                    Interlocked.Increment(ref dropped);
                }
                catch (OperationCanceledException) when (hold.IsCancellationRequested)
                {
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    answered.TrySetResult(false);
                    Interlocked.Increment(ref dropped);
                }
            });
            if (i % 50 == 49)
                await Task.Delay(50); // do not open a thousand TCP connections in the same millisecond
        }

        var answers = await Task.WhenAll(opened.Select(o => o.Task));
        Output.Line("open", answers.Count(ok => ok));
        Output.Line("refused", answers.Count(ok => !ok));
        Console.Out.Flush();
        Console.Error.WriteLine($"bench: {answers.Count(ok => ok)} feeds open, holding them {options.Duration.TotalSeconds:0} s");

        await Task.Delay(options.Duration);
        Output.Line("dropped", Interlocked.Read(ref dropped));
        hold.Cancel();
        await Task.WhenAll(feeds);
        Output.Line("events", Interlocked.Read(ref events));
        return 0;
    }
}
