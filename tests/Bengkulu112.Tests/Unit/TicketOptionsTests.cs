using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketOptionsTests
{
    [Fact]
    public void By_default_a_ticket_number_carries_the_year_of_Bengkulu()
    {
        var options = new TicketOptions();
        Assert.True(options.IsValid());
        // New Year's Eve, 18:00 UTC, is already the next year in WIB (UTC+7).
        var instant = new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero);
        Assert.Equal(2027, TimeZoneInfo.ConvertTime(instant, options.Zone).Year);
    }

    [Fact]
    public void An_unknown_zone_or_a_sweep_interval_of_zero_is_refused()
    {
        Assert.False(new TicketOptions { TimeZone = "Mars/Olympus" }.IsValid());
        Assert.False(new TicketOptions { OutboxSweepInterval = TimeSpan.Zero }.IsValid());
    }
}
