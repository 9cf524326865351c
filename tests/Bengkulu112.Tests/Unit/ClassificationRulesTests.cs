using Bengkulu112.Calls;
using Bengkulu112.Common;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class ClassificationRulesTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void An_emergency_opens_or_links_a_ticket(bool hasTicket, bool hasLink) =>
        Assert.True(ClassificationRules.Validate(Classification.Emergency, hasTicket, hasLink).IsEmpty);

    [Fact]
    public void An_emergency_without_ticket_or_link_names_the_ticket_field() =>
        Assert.Equal(["ticket"], ClassificationRules.Validate(Classification.Emergency, false, false).ToDictionary().Keys);

    [Fact]
    public void An_emergency_with_both_names_the_link_field() =>
        Assert.Equal(["link_ticket_id"], ClassificationRules.Validate(Classification.Emergency, true, true).ToDictionary().Keys);

    [Theory]
    [InlineData(Classification.NonEmergency)]
    [InlineData(Classification.Prank)]
    [InlineData(Classification.Silent)]
    [InlineData(Classification.WrongNumber)]
    [InlineData(Classification.Abandoned)]
    public void Other_classifications_take_neither(Classification classification)
    {
        Assert.True(ClassificationRules.Validate(classification, false, false).IsEmpty);
        Assert.Equal(["ticket"], ClassificationRules.Validate(classification, true, false).ToDictionary().Keys);
        Assert.Equal(["link_ticket_id"], ClassificationRules.Validate(classification, false, true).ToDictionary().Keys);
    }

    private static readonly Actor CallTaker = new("ct-1", "calltaker", null);
    private static readonly Actor Supervisor = new("sup-1", "supervisor", null);

    [Fact]
    public void An_unclassified_call_may_be_classified_by_anyone()
    {
        Assert.Null(Reclassification.Refusal(new CallState(), CallTaker));
        Assert.Null(Reclassification.Refusal(new CallState(), Supervisor));
    }

    [Fact]
    public void Only_a_supervisor_re_classifies_and_only_a_call_that_did_not_open_a_ticket()
    {
        var prank = new CallState { Classification = Classification.Prank };
        var linked = new CallState { Classification = Classification.Emergency, TicketId = Guid.NewGuid() };
        var opened = new CallState { Classification = Classification.Emergency, TicketId = Guid.NewGuid(), OpenedTicket = true };

        Assert.Contains("prank", Reclassification.Refusal(prank, CallTaker));
        Assert.Null(Reclassification.Refusal(prank, Supervisor));
        Assert.Null(Reclassification.Refusal(linked, Supervisor));
        Assert.Contains("opened ticket", Reclassification.Refusal(opened, Supervisor));
    }
}
