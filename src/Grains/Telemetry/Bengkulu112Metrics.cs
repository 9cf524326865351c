using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bengkulu112.Calls;
using Bengkulu112.Tickets;

namespace Bengkulu112.Telemetry;

/// <summary>
/// The domain's own counters, on the meter `Bengkulu112` (exported with the silo's OpenTelemetry metrics). Counters
/// only: each silo counts what its grains did, and the backend sums silos; tags are low-cardinality codes.
/// </summary>
public static class Bengkulu112Metrics
{
    public const string MeterName = "Bengkulu112";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> CallsClassified = Meter.CreateCounter<long>(
        "b112.calls.classified", "{call}", "Calls classified, by classification (a re-classification counts again).");

    private static readonly Counter<long> TicketTransitions = Meter.CreateCounter<long>(
        "b112.tickets.transitions", "{ticket}", "Ticket status changes, by status before and after (`none` before a new ticket).");

    private static readonly Counter<long> ClockTimersArmed = Meter.CreateCounter<long>(
        "b112.clocks.armed", "{timer}", "Exact deadline timers armed (after each commit and on activation of a ticket with a pending deadline).");

    private static readonly Counter<long> ClockPointsFired = Meter.CreateCounter<long>(
        "b112.clocks.fired", "{point}", "Clock points that acted, by step (renotify, acknowledge, on_scene, resolve).");

    private static readonly Counter<long> Breaches = Meter.CreateCounter<long>(
        "b112.sla.breaches", "{breach}", "SLA breaches raised, by step.");

    public static void CallClassified(Classification classification) =>
        CallsClassified.Add(1, new KeyValuePair<string, object?>("classification", ClassificationCodes.Code(classification)));

    /// <summary>Counts a committed version whose status differs from the one before (<paramref name="from"/> null: a new ticket).</summary>
    public static void TicketCommitted(TicketStatus? from, TicketStatus to)
    {
        if (from == to)
            return;
        TicketTransitions.Add(1, new TagList { { "from", from?.Code() ?? "none" }, { "to", to.Code() } });
    }

    public static void ClockArmed() => ClockTimersArmed.Add(1);

    /// <summary>Counts clock points that acted in one committed change; every point but a re-notification is a breach.</summary>
    public static void ClockFired(IEnumerable<ClockPoint> points)
    {
        foreach (var point in points)
        {
            var step = new KeyValuePair<string, object?>("step", point.Step);
            ClockPointsFired.Add(1, step);
            if (point.Step != TicketClock.Renotify)
                Breaches.Add(1, step);
        }
    }
}
