using System.Collections.Concurrent;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// How many live feeds (SSE streams, EIDO sockets) may be open on this node: at most
/// <see cref="FeedOptions.MaxFeedsPerPerson"/> per person (token subject) and <see cref="FeedOptions.MaxFeedsPerNode"/>
/// in all. A feed holds its slot until it ends; beyond either limit a new one is refused (429).
/// </summary>
public sealed class FeedLimiter(Microsoft.Extensions.Options.IOptions<FeedOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _perPerson = new();
    private int _total;

    public int Open => Volatile.Read(ref _total);

    /// <summary>A slot for <paramref name="person"/>'s new feed, or null (with the reason) when a limit is reached.</summary>
    public IDisposable? TryOpen(string person, out string? refusal)
    {
        var limits = options.Value;
        if (Interlocked.Increment(ref _total) > limits.MaxFeedsPerNode)
        {
            Interlocked.Decrement(ref _total);
            refusal = $"This node serves its maximum of {limits.MaxFeedsPerNode} live feeds; try again shortly (or another node).";
            return null;
        }
        var mine = _perPerson.AddOrUpdate(person, 1, (_, n) => n + 1);
        if (mine > limits.MaxFeedsPerPerson)
        {
            Release(person);
            refusal = $"At most {limits.MaxFeedsPerPerson} live feeds may be open per person; close one first.";
            return null;
        }
        refusal = null;
        return new Slot(this, person);
    }

    private void Release(string person)
    {
        Interlocked.Decrement(ref _total);
        // Remove the entry when it drops to zero, so the dictionary holds only people with feeds open.
        while (true)
        {
            var current = _perPerson.GetValueOrDefault(person);
            if (current <= 1)
            {
                if (_perPerson.TryRemove(new KeyValuePair<string, int>(person, current)))
                    return;
            }
            else if (_perPerson.TryUpdate(person, current - 1, current))
                return;
        }
    }

    private sealed class Slot(FeedLimiter limiter, string person) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                limiter.Release(person);
        }
    }
}
