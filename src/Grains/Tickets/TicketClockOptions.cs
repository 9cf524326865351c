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

    /// <summary>
    /// How long before a ticket's next clock point its reminder first ticks: a ticket waiting hours for a deadline is
    /// deactivated when idle, and this tick activates it so its timer acts on time. Shorter than the grains' idle
    /// collection age (<see cref="TicketGrain.IdleMinutes"/>), longer than an activation.
    /// </summary>
    public TimeSpan WakeAhead { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsValid() =>
        BackstopPeriod > TimeSpan.Zero && WakeAhead > TimeSpan.Zero && WakeAhead < TimeSpan.FromMinutes(TicketGrain.IdleMinutes);
}
