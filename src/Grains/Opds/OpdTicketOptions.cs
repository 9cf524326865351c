namespace Bengkulu112.Opds;

/// <summary>How OPD grains keep their open-ticket lists, bound from the `Opds` section.</summary>
public sealed class OpdTicketOptions
{
    public const string Section = "Opds";

    /// <summary>
    /// How often an OPD grain re-reads its tickets from PostgreSQL (`Opds__ReconcilePeriod`): the longest a change whose
    /// stream message died with a silo stays missing from the list.
    /// </summary>
    public TimeSpan ReconcilePeriod { get; set; } = TimeSpan.FromSeconds(30);
}
