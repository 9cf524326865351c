using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketRefusalsTests
{
    [Fact]
    public void The_ticket_grains_field_names_are_put_under_ticket_once()
    {
        var errors = new FieldErrors().Add("opd", "no OPD 'x'").Add("blood.group", "bad").Add("ticket.category", "unknown");

        var refusal = TicketRefusals.ForOpen(Refusal.Invalid(errors, "invalid"));

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["ticket.opd", "ticket.blood.group", "ticket.category"], refusal.Errors!.ToDictionary().Keys);
        Assert.Equal(["no OPD 'x'"], refusal.Errors.ToDictionary()["ticket.opd"]);
    }

    [Fact]
    public void Refusals_without_field_errors_pass_through()
    {
        var conflict = Refusal.Conflict("closed", TicketStatus.Closed);
        Assert.Same(conflict, TicketRefusals.ForOpen(conflict));
        Assert.Same(conflict, TicketRefusals.ForLink(conflict, Guid.NewGuid()));
    }

    [Fact]
    public void Linking_to_a_missing_ticket_names_link_ticket_id()
    {
        var refusal = TicketRefusals.ForLink(Refusal.NotFound("No ticket."), Guid.Empty);

        Assert.Equal(RefusalKind.Invalid, refusal.Kind);
        Assert.Equal(["link_ticket_id"], refusal.Errors!.ToDictionary().Keys);
    }
}
