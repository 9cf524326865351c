namespace Bengkulu112.Webhooks;

/// <summary>The event types a webhook may subscribe to (API.md), also sent as `X-Bengkulu112-Event`.</summary>
public static class WebhookEvents
{
    public const string TicketChanged = "ticket.changed";
    public const string AlertRaised = "alert.raised";

    public static IReadOnlyList<string> All { get; } = [TicketChanged, AlertRaised];
}
