using System.Data.Common;

namespace Bengkulu112.Alerts;

/// <summary>The one reader of `alerts` rows (the API's lists and feeds, webhook deliveries): their columns and their record.</summary>
public static class AlertRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "id, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at, acknowledged_by, acknowledged_at, acknowledged_by_name";

    /// <summary><see cref="Columns"/> of the table named <paramref name="alias"/> in a join.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>How many columns <see cref="Read"/> takes: a query may select more after them.</summary>
    public const int ColumnCount = 11;

    public static AlertResponse Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetString(10));

    public static async Task<List<AlertResponse>> ReadAllAsync(DbCommand command, CancellationToken ct)
    {
        var alerts = new List<AlertResponse>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            alerts.Add(Read(reader));
        return alerts;
    }
}
