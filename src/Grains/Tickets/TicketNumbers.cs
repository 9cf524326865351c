using Npgsql;

namespace Bengkulu112.Tickets;

/// <summary>Ticket numbers `BKL-YYYY-NNNNNN`, handed out from blocks reserved in PostgreSQL.</summary>
public sealed class TicketNumbers(NpgsqlDataSource database)
{
    public const int BlockSize = 20;

    public static string Format(int year, long sequence) => $"BKL-{year:D4}-{sequence:D6}";

    /// <summary>Reserves the next <see cref="BlockSize"/> numbers of <paramref name="year"/>; answers the first one.</summary>
    public Task<long> ReserveBlockAsync(int year) => ReserveAsync(year, BlockSize);

    /// <summary>Reserves the next <paramref name="count"/> numbers of <paramref name="year"/>; answers the first one.</summary>
    public async Task<long> ReserveAsync(int year, int count)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO ticket_number_blocks AS b (year, next_value) VALUES ($1, 1 + $2)
            ON CONFLICT (year) DO UPDATE SET next_value = b.next_value + $2
            RETURNING next_value - $2
            """);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue((long)count);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
