namespace Bengkulu112.Tickets;

/// <summary>Where a ticket is in its life (SPEC.md §2 Tickets); serialised as the lower-case codes.</summary>
public enum TicketStatus
{
    Open,
    Escalated,
    Acknowledged,
    OnScene,
    Resolved,
    Closed,
    Cancelled,
}

/// <summary>The commands that move a ticket between statuses.</summary>
public enum TicketTransition
{
    Escalate,
    Reject,
    Acknowledge,
    Reescalate,
    OnScene,
    Resolve,
    Close,
    Reopen,
    Cancel,
}

/// <summary>The lower-case codes statuses have in JSON and in the database (`on_scene`).</summary>
public static class TicketStatusCodes
{
    private static readonly Dictionary<TicketStatus, string> Codes = Enum.GetValues<TicketStatus>()
        .ToDictionary(s => s, s => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()));

    private static readonly Dictionary<string, TicketStatus> ByCode = Codes.ToDictionary(c => c.Value, c => c.Key);

    public static IReadOnlyCollection<string> All => ByCode.Keys;

    public static string Code(this TicketStatus status) => Codes[status];

    public static bool TryParse(string code, out TicketStatus status) => ByCode.TryGetValue(code, out status);
}
