using System.Reflection;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.Streams;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

public sealed class StreamPubSubStorageTests
{
    /// <summary>
    /// A stream's pub-sub record lists its producers; when it cannot be read back (after a restart or a move), the stream
    /// stops delivering. The state type is Orleans-internal, so it is built by reflection.
    /// </summary>
    [Fact]
    public async Task The_stream_pub_sub_state_with_a_producer_is_read_back_by_the_PubSubStore_serializer()
    {
        var database = await TestPostgres.CreateDatabaseAsync("pubsub");
        await using var cluster = await TestCluster.StartAsync(database, silos: 1);
        var serializer = cluster.Silos[0].ServiceProvider.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>()
            .Get(StorageNames.PubSub).GrainStorageSerializer;

        var streaming = typeof(IStreamProvider).Assembly;
        var stateType = streaming.GetType("Orleans.Streams.PubSubGrainState", throwOnError: true)!;
        var producerType = streaming.GetType("Orleans.Streams.PubSubPublisherState", throwOnError: true)!;
        var stream = new QualifiedStreamId("tickets", StreamId.Create("opd-tickets", "damkar"));
        var producer = Activator.CreateInstance(producerType, stream, GrainId.Create("agent", "silo-1"))!;
        var state = Activator.CreateInstance(stateType, nonPublic: true)!;
        var producers = stateType.GetProperty("Producers", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
        producers.PropertyType.GetMethod("Add")!.Invoke(producers.GetValue(state), [producer]);

        var data = (BinaryData)typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Serialize))!
            .MakeGenericMethod(stateType).Invoke(serializer, [state])!;
        var back = typeof(IGrainStorageSerializer).GetMethod(nameof(IGrainStorageSerializer.Deserialize))!
            .MakeGenericMethod(stateType).Invoke(serializer, [data])!;

        var readBack = Assert.Single((System.Collections.IEnumerable)producers.GetValue(back)!);
        Assert.Equal(producer, readBack);
    }
}
