using Orleans.Concurrency;

namespace Bengkulu112.Tickets;

/// <summary>Hands out ticket numbers; one activation per silo, so no single counter is hot.</summary>
[Alias("Bengkulu112.ITicketNumberGrain")]
public interface ITicketNumberGrain : IGrainWithIntegerKey
{
    [Alias("Next")]
    Task<string> Next(int year);
}
