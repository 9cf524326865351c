using System.Net;
using System.Net.Sockets;
using Bengkulu112.Common;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>
/// The single-machine default of ./run.sh: one process is a silo and the API (`Orleans:HostSilo`), on the owner's
/// login because it migrates the schema like any silo. A plain silo then joins its cluster.
/// </summary>
public sealed class CoHostedNodeFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public SiloHosts PlainSilos { get; private set; } = null!;
    public ApiFactory Node { get; private set; } = null!;
    public TestTokens Tokens { get; } = new();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("cohost");
        PlainSilos = await SiloHosts.StartAsync(ConnectionString, count: 0); // none yet: the node is the first silo
        Node = new ApiFactory(ConnectionString, PlainSilos.ClusterId, Tokens, new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = ConnectionString,
            ["Orleans:HostSilo"] = "true",
            ["Orleans:SiloPort"] = FreeTcpPort().ToString(),
            ["Orleans:GatewayPort"] = FreeTcpPort().ToString(),
        });
        _ = Node.Server;
    }

    public IManagementGrain Management => Node.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await PlainSilos.DisposeAsync();
        Tokens.Dispose();
    }
}

public sealed class CoHostedNodeTests(CoHostedNodeFixture fixture) : IClassFixture<CoHostedNodeFixture>
{
    [Fact]
    public async Task One_process_is_a_silo_and_the_API_and_serves_a_call_and_a_ticket_end_to_end()
    {
        var node = fixture.Node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        Assert.Contains(node, (await fixture.Management.GetHosts(onlyActive: true)).Keys);

        var calltaker = fixture.Node.ClientAs("calltaker");
        var call = await calltaker.RecordCall(CallRequests.NewNumber());
        Assert.Equal(0, call.GetProperty("screening").GetProperty("prior_calls").GetInt32());
        var ticket = await calltaker.CreateFireAsync();
        var escalated = await calltaker.CommandAsync(ticket, "escalate").OkAsync();
        Assert.Equal("escalated", escalated.Str("status"));
        var damkar = fixture.Node.ClientAs("opd", "damkar");
        await damkar.CommandAsync(ticket, "acknowledge").OkAsync();

        var read = await (await fixture.Node.ClientAs("supervisor").GetAsync($"/api/v1/tickets/{ticket.Str("id")}"))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal("acknowledged", read.Str("status"));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.ClientAs(null).GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_plain_silo_joins_the_node_s_cluster_and_grains_living_there_answer_through_the_node_s_API()
    {
        var joined = await fixture.PlainSilos.StartOneAsync(fixture.ConnectionString);
        await Eventually.Within(TimeSpan.FromSeconds(60), () => fixture.Management.GetHosts(onlyActive: true),
            hosts => hosts.Count == 2);

        // Placement weighs the silos' load and only prefers the calling silo, so tickets are opened from the plain
        // silo until several of them live there; the node's API then commands and reads those across the cluster.
        var grains = joined.Services.GetRequiredService<IGrainFactory>();
        var joinedAddress = joined.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var ids = new List<Guid>();
        for (var attempt = 0; attempt < 200 && ids.Count < 5; attempt++)
        {
            var id = Guid.NewGuid();
            var draft = new TicketDraft("fire", "Rumah terbakar di Jl. Suprapto", new Location("Jl. Suprapto 12", null, null, null, null),
                null, null, [], null);
            var ticket = grains.GetGrain<ITicketGrain>(id);
            Assert.Null((await ticket.Open(draft, new Actor("test-calltaker", "calltaker", null), "test")).Failure);
            if (joinedAddress.Equals(await fixture.Management.GetActivationAddress(ticket)))
                ids.Add(id);
        }
        Assert.Equal(5, ids.Count);

        var calltaker = fixture.Node.ClientAs("calltaker");
        foreach (var id in ids)
        {
            await calltaker.CommandAsync(id.ToString(), "escalate").OkAsync();
            var read = await (await calltaker.GetAsync($"/api/v1/tickets/{id}")).AssertJson(HttpStatusCode.OK);
            Assert.Equal("escalated", read.Str("status"));
        }
    }
}
