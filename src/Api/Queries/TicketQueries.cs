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
        var sql = new StringBuilder("""
            SELECT id, number, category, priority, status, opd, supporting_opds, description, address,
                   created_at, updated_at, next_deadline, version
            FROM tickets WHERE true
            """);
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
        {
            items.Add(new TicketSummaryResponse(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), Enum.Parse<Priority>(reader.GetString(3)),
                ParseStatus(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<string[]>(6), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.GetInt32(12)));
        }
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new TicketCursor(items[^1].CreatedAt, items[^1].Id).ToString();
        }
        return new Page<TicketSummaryResponse>(items, next);
    }

    private static TicketStatus ParseStatus(string code) =>
        TicketStatusCodes.TryParse(code, out var status) ? status : throw new InvalidDataException($"Unknown status '{code}'.");

    private static string ReplaceFirst(string text, string what, string with)
    {
        var at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
