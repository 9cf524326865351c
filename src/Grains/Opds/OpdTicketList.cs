using Bengkulu112.Tickets;

namespace Bengkulu112.Opds;

/// <summary>
/// The rule that keeps an OPD's open-ticket list from the ticket stream. Events may repeat or arrive out of order, so
/// each ticket's last applied version is remembered (also after it left the list) and nothing older is applied.
/// </summary>
public static class OpdTicketList
{
    /// <summary>The statuses in which a ticket is in an OPD's hands; `open` means rejected or not yet escalated.</summary>
    public static readonly IReadOnlySet<TicketStatus> AssignedStatuses = new HashSet<TicketStatus>
        { TicketStatus.Escalated, TicketStatus.Acknowledged, TicketStatus.OnScene, TicketStatus.Resolved };

    /// <summary>Applies <paramref name="change"/> for OPD <paramref name="opd"/>; false when it was stale and nothing changed.</summary>
    public static bool Apply(string opd, TicketChanged change, IDictionary<Guid, OpdTicket> open,
        IDictionary<Guid, int> versions)
    {
        if (versions.TryGetValue(change.TicketId, out var known) && change.Version <= known)
            return false;
        versions[change.TicketId] = change.Version;
        if (RoleOf(opd, change) is { } role)
            open[change.TicketId] = ToTicket(change, role);
        else
            open.Remove(change.TicketId);
        return true;
    }

    /// <summary>The OPD's part in the ticket after the change, or null when the ticket is not (or no longer) its to handle.</summary>
    public static OpdTicketRole? RoleOf(string opd, TicketChanged change)
    {
        if (!AssignedStatuses.Contains(change.Status))
            return null;
        if (change.Opd == opd)
            return OpdTicketRole.Primary;
        return change.SupportingOpds?.Contains(opd) == true ? OpdTicketRole.Supporting : null;
    }

    /// <summary>Nearest deadline first, tickets without a deadline last, then by number.</summary>
    public static IReadOnlyList<OpdTicket> Sorted(IEnumerable<OpdTicket> tickets) =>
        [.. tickets
            .OrderBy(t => t.NextDeadline is null)
            .ThenBy(t => t.NextDeadline)
            .ThenBy(t => t.Number, StringComparer.Ordinal)];

    private static OpdTicket ToTicket(TicketChanged change, OpdTicketRole role) =>
        new(change.TicketId, change.Number, change.Status, change.Category, change.Priority, role,
            change.NextDeadline, change.Version, change.At);
}
