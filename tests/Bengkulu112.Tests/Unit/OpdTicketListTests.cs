using Bengkulu112.Opds;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class OpdTicketListTests
{
    private static readonly Guid Ticket = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 28, 21, 40, 0, TimeSpan.Zero);

    private readonly Dictionary<Guid, OpdTicket> open = [];
    private readonly Dictionary<Guid, int> versions = [];

    private static TicketChanged Change(TicketStatus status, int version, string? opd = "damkar",
        string[]? supporting = null, Guid? id = null, DateTimeOffset? deadline = null, string number = "BKL-2026-000001") =>
        new(version, id ?? Ticket, number, status, opd, supporting ?? ["dinkes"], version, At.AddMinutes(version),
            deadline, "fire", Priority.P1);

    private bool Apply(string opd, TicketChanged change) => OpdTicketList.Apply(opd, change, open, versions);

    [Theory]
    [InlineData(TicketStatus.Escalated)]
    [InlineData(TicketStatus.Acknowledged)]
    [InlineData(TicketStatus.OnScene)]
    [InlineData(TicketStatus.Resolved)]
    public void A_ticket_in_the_OPDs_hands_is_listed_as_primary(TicketStatus status)
    {
        Assert.True(Apply("damkar", Change(status, 2)));

        var listed = Assert.Single(open.Values);
        Assert.Equal(OpdTicketRole.Primary, listed.Role);
        Assert.Equal(status, listed.Status);
        Assert.Equal(2, listed.Version);
        Assert.Equal(At.AddMinutes(2), listed.UpdatedAt);
    }

    [Fact]
    public void A_supporting_OPD_lists_it_as_supporting()
    {
        Apply("dinkes", Change(TicketStatus.Escalated, 2));
        Assert.Equal(OpdTicketRole.Supporting, Assert.Single(open.Values).Role);
    }

    [Theory]
    [InlineData(TicketStatus.Closed)]
    [InlineData(TicketStatus.Cancelled)]
    [InlineData(TicketStatus.Open)]
    public void Closing_cancelling_or_rejecting_takes_it_off_the_list(TicketStatus status)
    {
        Apply("damkar", Change(TicketStatus.Escalated, 2));
        Assert.True(Apply("damkar", Change(status, 3)));
        Assert.Empty(open);
        Assert.Equal(3, versions[Ticket]);
    }

    [Fact]
    public void Rerouting_to_another_OPD_takes_it_off_the_list()
    {
        Apply("damkar", Change(TicketStatus.Escalated, 2));
        Apply("damkar", Change(TicketStatus.Escalated, 4, opd: "bpbd", supporting: []));
        Assert.Empty(open);
    }

    [Fact]
    public void A_repeat_or_an_older_version_changes_nothing()
    {
        Apply("damkar", Change(TicketStatus.Acknowledged, 3));
        Assert.False(Apply("damkar", Change(TicketStatus.Acknowledged, 3)));
        Assert.False(Apply("damkar", Change(TicketStatus.Escalated, 2)));
        Assert.Equal(TicketStatus.Acknowledged, Assert.Single(open.Values).Status);
    }

    [Fact]
    public void An_escalation_arriving_after_the_close_does_not_bring_the_ticket_back()
    {
        Apply("damkar", Change(TicketStatus.Closed, 7));
        Assert.False(Apply("damkar", Change(TicketStatus.Escalated, 2)));
        Assert.Empty(open);
    }

    [Fact]
    public void An_OPD_not_named_on_the_ticket_does_not_list_it()
    {
        Assert.True(Apply("pmi", Change(TicketStatus.Escalated, 2)));
        Assert.Empty(open);
    }

    [Fact]
    public void Sorted_puts_the_nearest_deadline_first_and_tickets_without_one_last()
    {
        Apply("damkar", Change(TicketStatus.Escalated, 1, id: Guid.NewGuid(), number: "BKL-2026-000003", deadline: null));
        Apply("damkar", Change(TicketStatus.Escalated, 1, id: Guid.NewGuid(), number: "BKL-2026-000002", deadline: At.AddHours(2)));
        Apply("damkar", Change(TicketStatus.Escalated, 1, id: Guid.NewGuid(), number: "BKL-2026-000004", deadline: At.AddMinutes(5)));
        Apply("damkar", Change(TicketStatus.Escalated, 1, id: Guid.NewGuid(), number: "BKL-2026-000001", deadline: null));

        var numbers = OpdTicketList.Sorted(open.Values).Select(t => t.Number);

        Assert.Equal(["BKL-2026-000004", "BKL-2026-000002", "BKL-2026-000001", "BKL-2026-000003"], numbers);
    }
}
