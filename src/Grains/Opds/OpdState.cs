namespace Bengkulu112.Opds;

/// <summary>What an OPD grain persists.</summary>
[GenerateSerializer, Alias("Bengkulu112.OpdState")]
public sealed class OpdState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public List<string> Categories { get; set; } = [];
    [Id(2)] public string? BackupOpd { get; set; }
    [Id(3)] public bool Active { get; set; }
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(6)] public string UpdatedBy { get; set; } = "";

    /// <summary>The tickets in this OPD's hands, kept from the ticket stream (see <see cref="OpdTicketList"/>).</summary>
    [Id(7)] public Dictionary<Guid, OpdTicket> OpenTickets { get; set; } = [];

    /// <summary>The last applied event version of every ticket this OPD heard of, to ignore repeats and late arrivals.</summary>
    [Id(8)] public Dictionary<Guid, int> TicketVersions { get; set; } = [];
}
