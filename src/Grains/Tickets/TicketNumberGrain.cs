using Orleans.Concurrency;

namespace Bengkulu112.Tickets;

/// <summary>
/// Numbers come from a block reserved in PostgreSQL; a new block is reserved when one runs out or the year changes.
/// Numbers left in a block when a silo stops are never used (gaps, never repeats).
/// </summary>
[StatelessWorker(1)]
public sealed class TicketNumberGrain(TicketNumbers numbers) : Grain, ITicketNumberGrain
{
    private int _year;
    private long _next;
    private long _end;

    public async Task<string> Next(int year)
    {
        if (year != _year || _next >= _end)
        {
            _next = await numbers.ReserveBlockAsync(year);
            _end = _next + TicketNumbers.BlockSize;
            _year = year;
        }
        return TicketNumbers.Format(year, _next++);
    }
}
