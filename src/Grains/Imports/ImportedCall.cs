using Bengkulu112.Calls;

namespace Bengkulu112.Imports;

/// <summary>
/// The call an imported row becomes: classified as the row says (when is not in the records: `classified_at` stays
/// null), linked to the ticket it opens. Its caller's screening is not touched: history does not flag anyone now.
/// </summary>
public static class ImportedCall
{
    public static CallState Build(ImportRecord row, DateTimeOffset now) => new()
    {
        Fingerprint = "import:" + row.Key,
        CallerNumber = row.CallerNumber,
        CallerId = row.CallerId,
        ReceivedAt = row.ReceivedAt,
        Channel = row.Channel,
        CallTaker = ImportedTicket.Actor,
        Location = row.Location,
        Notes = row.Note,
        Classification = row.Classification,
        TicketId = row.OpensTicket ? row.CallId : null,
        OpenedTicket = row.OpensTicket,
        RecordedAt = now,
    };
}
