using Bengkulu112.Calls;
using Bengkulu112.Common;

namespace Bengkulu112.Imports;

/// <summary>
/// One accepted row of an import file, normalised: times in UTC (to the microsecond PostgreSQL keeps), the number in
/// E.164, codes checked. <see cref="Key"/> is the row's content key; the call's id (and its ticket's) derive from it,
/// so importing the same row again finds it already present.
/// </summary>
public sealed record ImportRecord(
    int Line,
    string Key,
    DateTimeOffset ReceivedAt,
    string? CallerNumber,
    CallerId CallerId,
    Channel Channel,
    Classification Classification,
    string? Category,
    string? Description,
    Location? Location,
    string? Opd,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? OnSceneAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CancelledAt,
    string? Note)
{
    /// <summary>An emergency row with a category becomes a ticket (API.md "History import").</summary>
    public bool OpensTicket => Classification == Classification.Emergency && Category is not null;

    /// <summary>The call's id (and its ticket's, as for a live call that opens one): the first 16 bytes of the key.</summary>
    public Guid CallId => new(Convert.FromHexString(Key)[..16]);
}
