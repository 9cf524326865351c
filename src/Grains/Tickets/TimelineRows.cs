using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Tickets;

/// <summary>A timeline entry as a row of `ticket_timeline`: its place in the ticket's timeline (1, 2, …) and, for a
/// note given with an Idempotency-Key, that key ("actor\nkey").</summary>
public sealed record TimelineRow(int Seq, TimelineEntry Entry, string? NoteKey = null);

/// <summary>
/// How timeline rows are written: by the ticket store with the change that made them, and by the history import with
/// the ticket it creates. Both insert the rows of one ticket in one statement from arrays (<see cref="Unnest"/>).
/// </summary>
public static class TimelineRows
{
    /// <summary>The columns of `ticket_timeline`, the ticket's id first.</summary>
    public const string Columns = "ticket_id, seq, at, actor, actor_name, kind, from_status, to_status, opd, text, note_key";

    /// <summary>The rows given by <see cref="AddParameters"/> as a set, every column of <see cref="Columns"/> but the id.</summary>
    public const string Unnest =
        "unnest(@tl_seq, @tl_at, @tl_actor, @tl_actor_name, @tl_kind, @tl_from, @tl_to, @tl_opd, @tl_text, @tl_note_key)";

    /// <summary>Inserts the rows of one ticket (given by <see cref="AddParameters"/> and `@tl_ticket_id`).</summary>
    public const string Insert = $"INSERT INTO ticket_timeline ({Columns}) SELECT @tl_ticket_id, u.* FROM {Unnest} AS u";

    public static NpgsqlBatchCommand InsertCommand(Guid ticketId, IReadOnlyList<TimelineRow> rows)
    {
        var command = new NpgsqlBatchCommand(Insert);
        command.Parameters.AddWithValue("tl_ticket_id", ticketId);
        AddParameters(command.Parameters, rows);
        return command;
    }

    public static void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<TimelineRow> rows)
    {
        parameters.Add(new NpgsqlParameter<int[]>("tl_seq", [.. rows.Select(r => r.Seq)]));
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("tl_at", [.. rows.Select(r => r.Entry.At.ToUniversalTime())]));
        Texts(parameters, "tl_actor", rows, r => r.Entry.Actor);
        Texts(parameters, "tl_actor_name", rows, r => r.Entry.ActorName);
        Texts(parameters, "tl_kind", rows, r => r.Entry.Kind);
        Texts(parameters, "tl_from", rows, r => r.Entry.FromStatus?.Code());
        Texts(parameters, "tl_to", rows, r => r.Entry.ToStatus?.Code());
        Texts(parameters, "tl_opd", rows, r => r.Entry.Opd);
        Texts(parameters, "tl_text", rows, r => r.Entry.Text);
        Texts(parameters, "tl_note_key", rows, r => r.NoteKey);
    }

    private static void Texts(NpgsqlParameterCollection parameters, string name, IReadOnlyList<TimelineRow> rows,
        Func<TimelineRow, string?> value) =>
        parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = rows.Select(value).ToArray(),
        });

    /// <summary>The columns a read answers an entry from, in the order of <see cref="Read"/>.</summary>
    public const string EntryColumns = "at, actor, kind, from_status, to_status, opd, text, actor_name";

    public static TimelineEntry Read(NpgsqlDataReader reader, int first = 0)
    {
        static TicketStatus? Status(NpgsqlDataReader r, int i) =>
            r.IsDBNull(i) ? null : TicketStatusCodes.TryParse(r.GetString(i), out var s) ? s : null;
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        return new TimelineEntry(reader.GetFieldValue<DateTimeOffset>(first), reader.GetString(first + 1),
            reader.GetString(first + 2), Status(reader, first + 3), Status(reader, first + 4), Text(5), Text(6), Text(7));
    }
}
