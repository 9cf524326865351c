using Bengkulu112.Alerts;
using Bengkulu112.Api.Streaming;

namespace Bengkulu112.Api.Alerts;

/// <summary>Alerts raised, for the supervisors' feeds of this node: from the hub, or from `alerts` in pages.</summary>
public sealed class AlertFeed(FeedHub<AlertResponse> hub, AlertQueries queries)
{
    public Doorbell Bell => hub.Bell;

    public async Task<IReadOnlyList<FeedEvent<AlertResponse>>> AfterAsync(long after, int limit, CancellationToken ct) =>
        hub.TryRead(after, _ => true, limit, out var events) ? events : await queries.AfterAsync(after, limit, ct);

    public Task<long> LatestIdAsync(CancellationToken ct) => queries.LatestIdAsync(ct);
}
