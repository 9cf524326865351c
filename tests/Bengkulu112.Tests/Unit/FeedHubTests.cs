using Bengkulu112.Api.Streaming;
using Bengkulu112.Tests.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>One reader per node: however many feeds read from the hub, the table is read by the hub alone.</summary>
public sealed class FeedHubTests
{
    private sealed class Table
    {
        private readonly List<HubEvent<string>> _rows = [];
        public int Reads;

        public void Add(long id, params string[] opds)
        {
            lock (_rows)
                _rows.Add(new HubEvent<string>(id, "event " + id, opds));
        }

        public Task<IReadOnlyList<HubEvent<string>>> ReadAfter(long after, int limit, CancellationToken ct)
        {
            Interlocked.Increment(ref Reads);
            lock (_rows)
                return Task.FromResult<IReadOnlyList<HubEvent<string>>>([.. _rows.Where(r => r.Id > after).Take(limit)]);
        }

        public Task<long> Latest(CancellationToken ct)
        {
            lock (_rows)
                return Task.FromResult(_rows.Count == 0 ? 0L : _rows[^1].Id);
        }
    }

    private static (FeedHub<string> Hub, Doorbell Push) Hub(Table table, int capacity = 100) =>
        Hub(table, new Doorbell(), capacity);

    private static (FeedHub<string> Hub, Doorbell Push) Hub(Table table, Doorbell push, int capacity) =>
        (new FeedHub<string>("test", table.ReadAfter, table.Latest, push, TimeSpan.FromHours(1), capacity, 10,
            new FakeTimeProvider(), NullLogger.Instance), push);

    private static Task UntilAsync(Func<bool> condition) => Eventually.True(TimeSpan.FromSeconds(10), condition);

    [Fact]
    public async Task A_thousand_readers_cost_the_table_no_more_reads_than_one()
    {
        var table = new Table();
        table.Add(1);
        var (hub, push) = Hub(table);
        await hub.StartAsync(CancellationToken.None);
        await UntilAsync(() => hub.IsFollowing);
        var readsBefore = table.Reads;

        table.Add(2, "damkar");
        table.Add(3, "bpbd");
        var rung = hub.Bell.Next;
        push.Ring();
        await rung.WaitAsync(TimeSpan.FromSeconds(10));
        var seen = Enumerable.Range(0, 1000).Select(_ =>
            hub.TryRead(1, e => e.Opds.Contains("damkar"), 50, out var events) ? events.Select(e => e.Id).ToList() : null).ToList();

        Assert.All(seen, ids => Assert.Equal([2L], ids));
        Assert.InRange(table.Reads - readsBefore, 1, 2); // the hub's own catch-up, not one per reader
        await hub.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_position_older_than_memory_is_sent_to_the_table()
    {
        var table = new Table();
        var (hub, push) = Hub(table, capacity: 20);
        await hub.StartAsync(CancellationToken.None);
        await UntilAsync(() => hub.IsFollowing);
        for (var id = 1; id <= 30; id++)
            table.Add(id);
        var rung = hub.Bell.Next;
        push.Ring();
        await rung.WaitAsync(TimeSpan.FromSeconds(10));
        await UntilAsync(() => hub.TryRead(29, _ => true, 10, out var e) && e.Count == 1);

        Assert.False(hub.TryRead(5, _ => true, 10, out _)); // evicted: the caller pages PostgreSQL
        Assert.True(hub.TryRead(10, _ => true, 100, out var kept));
        Assert.Equal(Enumerable.Range(11, 20).Select(i => (long)i), kept.Select(e => e.Id));
        await hub.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Before_the_hub_knows_where_the_table_stands_every_read_goes_to_the_table()
    {
        var (hub, _) = Hub(new Table());
        Assert.False(hub.IsFollowing);
        Assert.False(hub.TryRead(0, _ => true, 10, out _));
    }
}
