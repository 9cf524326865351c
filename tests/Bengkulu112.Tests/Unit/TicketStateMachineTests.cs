using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketStateMachineTests
{
    private static readonly Dictionary<(TicketStatus, TicketTransition), TicketStatus> Allowed = new()
    {
        [(TicketStatus.Open, TicketTransition.Escalate)] = TicketStatus.Escalated,
        [(TicketStatus.Escalated, TicketTransition.Reject)] = TicketStatus.Open,
        [(TicketStatus.Escalated, TicketTransition.Acknowledge)] = TicketStatus.Acknowledged,
        [(TicketStatus.Acknowledged, TicketTransition.Reescalate)] = TicketStatus.Escalated,
        [(TicketStatus.Acknowledged, TicketTransition.OnScene)] = TicketStatus.OnScene,
        [(TicketStatus.OnScene, TicketTransition.Resolve)] = TicketStatus.Resolved,
        [(TicketStatus.Resolved, TicketTransition.Close)] = TicketStatus.Closed,
        [(TicketStatus.Resolved, TicketTransition.Reopen)] = TicketStatus.Escalated,
        [(TicketStatus.Open, TicketTransition.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Escalated, TicketTransition.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Acknowledged, TicketTransition.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.OnScene, TicketTransition.Cancel)] = TicketStatus.Cancelled,
        [(TicketStatus.Resolved, TicketTransition.Cancel)] = TicketStatus.Cancelled,
    };

    public static TheoryData<TicketStatus, TicketTransition> EveryPair()
    {
        var data = new TheoryData<TicketStatus, TicketTransition>();
        foreach (var status in Enum.GetValues<TicketStatus>())
        foreach (var transition in Enum.GetValues<TicketTransition>())
            data.Add(status, transition);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Exactly_the_transitions_of_the_spec_are_allowed(TicketStatus from, TicketTransition transition)
    {
        var expected = Allowed.TryGetValue((from, transition), out var to) ? to : (TicketStatus?)null;
        Assert.Equal(expected, TicketStateMachine.Next(from, transition));
        Assert.Equal(expected is not null, TicketStateMachine.IsAllowed(from, transition));
    }

    [Fact]
    public void Closed_and_cancelled_are_terminal()
    {
        foreach (var terminal in new[] { TicketStatus.Closed, TicketStatus.Cancelled })
        {
            Assert.True(TicketStateMachine.IsTerminal(terminal));
            Assert.All(Enum.GetValues<TicketTransition>(), t => Assert.Null(TicketStateMachine.Next(terminal, t)));
        }
    }
}
