using Orleans.Concurrency;

namespace Bengkulu112.Opds;

/// <summary>One agency (OPD), keyed by its code (`damkar`, `bpbd`, …).</summary>
[Alias("Bengkulu112.IOpdGrain")]
public interface IOpdGrain : IGrainWithStringKey
{
    /// <summary>The OPD, or null when no OPD with this code was ever created.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<OpdDetails?> Get();

    /// <summary>The OPD's tickets not yet closed, the nearest deadline first (none last), then by number.</summary>
    [AlwaysInterleave, Alias("GetTickets")]
    Task<IReadOnlyList<OpdTicket>> GetTickets();

    /// <summary>Creates or replaces the OPD's definition; refuses invalid fields without writing anything.</summary>
    [Alias("Put")]
    Task<OpdChangeResult> Put(OpdDefinition definition, string actor);

    /// <summary>Creates the OPD with the given definition only if it does not exist yet (start-up seeding).</summary>
    [Alias("SeedIfAbsent")]
    Task<bool> SeedIfAbsent(OpdDefinition definition);
}
