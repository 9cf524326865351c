using System.Text;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Tickets;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>
/// Ticket lists read from the `tickets` read-model columns, which the ticket grains write in the same transaction as
/// their state: a committed change is in the list at once.
/// </summary>
public sealed class TicketQueries(NpgsqlDataSource database)
{
    public async Task<Page<TicketSummaryResponse>> ListAsync(TicketListFilter filter)
    {
        var sql = new StringBuilder($"SELECT {SummaryColumns} FROM tickets WHERE true");
        await using var command = database.CreateCommand();
        void Where(string condition, params object[] values)
        {
            var text = condition;
            foreach (var value in values)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
                text = ReplaceFirst(text, "?", "$" + command.Parameters.Count);
            }
            sql.Append(" AND ").Append(text);
        }

        if (filter.VisibleToOpd is { } own)
            Where("(opd = ? OR ? = ANY(supporting_opds))", own, own);
        if (filter.Statuses.Count > 0)
            Where("status = ANY(?)", (object)filter.Statuses.ToArray());
        if (filter.Category is { } category)
            Where("category = ?", category);
        if (filter.Opd is { } opd)
            Where("(opd = ? OR ? = ANY(supporting_opds))", opd, opd);
        if (filter.Priority is { } priority)
            Where("priority = ?", priority);
        if (filter.From is { } from)
            Where("created_at >= ?", from);
        if (filter.To is { } to)
            Where("created_at < ?", to);
        if (filter.Text is { } text)
        {
            var pattern = "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            Where("(number ILIKE ? OR description ILIKE ? OR address ILIKE ?)", pattern, pattern, pattern);
        }
        if (filter.After is { } after)
            Where("(created_at, id) < (?, ?)", after.CreatedAt, after.Id);
        sql.Append(" ORDER BY created_at DESC, id DESC LIMIT ").Append(filter.Limit + 1);
        command.CommandText = sql.ToString();

        var items = new List<TicketSummaryResponse>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            items.Add(ReadSummary(reader));
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new TicketCursor(items[^1].CreatedAt, items[^1].Id).ToString();
        }
        return new Page<TicketSummaryResponse>(items, next);
    }

    /// <summary>
    /// `GET /tickets/suggestions`: at most ten tickets of the category, neither closed nor cancelled, created within the
    /// window; with a position, those with coordinates first, nearest first (great-circle distance), then the rest
    /// newest first. Coordinates are read from the ticket's stored location, only for the few candidates.
    /// </summary>
    public async Task<IReadOnlyList<TicketSuggestionResponse>> SuggestAsync(TicketSuggestionFilter filter, DateTimeOffset now)
    {
        await using var command = database.CreateCommand($"""
            WITH candidates AS (
                SELECT {SummaryColumns},
                       (state->'location'->>'lat')::double precision AS lat,
                       (state->'location'->>'lon')::double precision AS lon
                FROM tickets
                WHERE category = $1 AND status NOT IN ('closed', 'cancelled') AND created_at >= $2)
            SELECT {SummaryColumns},
                   CASE WHEN $3::double precision IS NULL OR lat IS NULL OR lon IS NULL THEN NULL
                        ELSE 2 * 6371008.8 * asin(least(1, sqrt(
                            power(sin(radians(lat - $3) / 2), 2) +
                            cos(radians($3)) * cos(radians(lat)) * power(sin(radians(lon - $4) / 2), 2))))
                   END AS distance_m
            FROM candidates
            ORDER BY distance_m ASC NULLS LAST, created_at DESC, id DESC
            LIMIT {TicketSuggestionFilter.Limit}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = filter.Category });
        command.Parameters.Add(new NpgsqlParameter { Value = now - filter.Within });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Lat ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Lon ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });

        var items = new List<TicketSuggestionResponse>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var distance = reader.IsDBNull(13) ? (double?)null : Math.Round(reader.GetDouble(13));
            items.Add(new TicketSuggestionResponse(ReadSummary(reader), distance));
        }
        return items;
    }

    private const string SummaryColumns = """
        id, number, category, priority, status, opd, supporting_opds, description, address,
        created_at, updated_at, next_deadline, version
        """;

    private static TicketSummaryResponse ReadSummary(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Enum.Parse<Priority>(reader.GetString(3)),
        ParseStatus(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetFieldValue<string[]>(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetInt32(12));

    private static TicketStatus ParseStatus(string code) =>
        TicketStatusCodes.TryParse(code, out var status) ? status : throw new InvalidDataException($"Unknown status '{code}'.");

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
