namespace Bengkulu112.Tickets;

/// <summary>How tickets are numbered and their changes swept out (configuration section `Tickets`).</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>
    /// The IANA time zone whose calendar year a ticket's number carries (Bengkulu is on WIB, UTC+7); the same zone as
    /// the reports' `Reports:TimeZone` in a normal installation.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    /// <summary>How often each silo looks for committed ticket changes not yet pushed to the OPD streams.</summary>
    public TimeSpan OutboxSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsValid() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _) && OutboxSweepInterval > TimeSpan.Zero;
}
