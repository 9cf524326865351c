namespace Bengkulu112.Tickets;

/// <summary>How ticket clocks are kept (configuration section `Clocks`).</summary>
public sealed class TicketClockOptions
{
    public const string Section = "Clocks";

    /// <summary>
    /// Period of the durable reminder that re-activates a ticket with pending deadlines after its silo died. The exact
    /// moment is kept by a grain timer; this bounds how late a deadline acts after a silo failure.
    /// </summary>
    public TimeSpan BackstopPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
