using System.Data.Common;

namespace Bengkulu112.Tickets;

/// <summary>The one reader of `ticket_events` rows (the API's feeds, webhook deliveries): their columns and their record.</summary>
public static class TicketEventRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order (the event id first); a query may select more after them.</summary>
    public const string Columns = "id, ticket_id, number, status, opd, version, at";

    /// <summary>The event id of a row read with <see cref="Columns"/>.</summary>
    public static long Id(DbDataReader reader) => reader.GetInt64(0);

    public static TicketChangedEvent Read(DbDataReader reader) => new(
        reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6));
}
