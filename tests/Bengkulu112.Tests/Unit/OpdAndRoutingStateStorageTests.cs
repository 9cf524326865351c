using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Silo.Hosting;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class OpdAndRoutingStateStorageTests
{
    private readonly SystemTextJsonGrainStorageSerializer serializer = new();

    [Fact]
    public void The_OPD_ticket_list_and_versions_round_trip()
    {
        var id = Guid.NewGuid();
        var ticket = new OpdTicket(id, "BKL-2026-000107", TicketStatus.OnScene, "fire", Priority.P1,
            OpdTicketRole.Supporting, new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero), 5,
            new DateTimeOffset(2026, 11, 28, 21, 40, 11, TimeSpan.Zero));
        var state = new OpdState { Name = "Dinkes", OpenTickets = { [id] = ticket }, TicketVersions = { [id] = 5, [Guid.NewGuid()] = 9 } };

        var back = serializer.Deserialize<OpdState>(serializer.Serialize(state));

        Assert.Equal(ticket, back.OpenTickets[id]);
        Assert.Equal(state.TicketVersions, back.TicketVersions);
    }

    [Fact]
    public void Routing_rules_with_their_deadlines_round_trip()
    {
        var state = new RoutingState { UpdatedBy = "admin" };
        foreach (var rule in DefaultRouting.Rules)
            state.Rules[rule.Category] = rule;

        var back = serializer.Deserialize<RoutingState>(serializer.Serialize(state));

        Assert.Equal(12, back.Rules.Count);
        var fire = back.Rules["fire"];
        Assert.Equal(("damkar", Priority.P1, TimeSpan.FromHours(4)), (fire.PrimaryOpd, fire.Priority, fire.Deadlines.Resolve));
        Assert.Equal(["dinkes"], fire.SupportingOpds);
        Assert.Equal(SlaDeadlines.For(Priority.P3), back.Rules["other"].Deadlines);
        Assert.Null(back.Rules["other"].PrimaryOpd);
    }
}
