using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bengkulu112.Calls;
using Bengkulu112.Telemetry;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>The domain counters' names and tags, as dashboards and alerts will query them.</summary>
public sealed class Bengkulu112MetricsTests : IDisposable
{
    // Grains of tests running in parallel may count too: assertions look for these measurements, never for totals.
    private readonly ConcurrentBag<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = [];
    private readonly MeterListener _listener = new();

    public Bengkulu112MetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Bengkulu112Metrics.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    [Fact]
    public void A_classification_is_counted_by_its_code()
    {
        Bengkulu112Metrics.CallClassified(Classification.WrongNumber);
        Assert.Contains(_measurements, m => m.Instrument == "b112.calls.classified" && m.Tags["classification"] == "wrong_number");
    }

    [Fact]
    public void Only_a_change_of_status_counts_as_a_transition()
    {
        Bengkulu112Metrics.TicketCommitted(null, TicketStatus.Open);
        Bengkulu112Metrics.TicketCommitted(TicketStatus.Acknowledged, TicketStatus.OnScene);
        Bengkulu112Metrics.TicketCommitted(TicketStatus.Cancelled, TicketStatus.Cancelled);
        var transitions = _measurements.Where(m => m.Instrument == "b112.tickets.transitions").ToList();
        Assert.Contains(transitions, m => m.Tags["from"] == "none" && m.Tags["to"] == "open");
        Assert.Contains(transitions, m => m.Tags["from"] == "acknowledged" && m.Tags["to"] == "on_scene");
        Assert.DoesNotContain(transitions, m => m.Tags["from"] == "cancelled" && m.Tags["to"] == "cancelled");
    }

    [Fact]
    public void Every_fired_point_counts_and_every_one_but_a_renotification_is_a_breach()
    {
        var at = DateTimeOffset.UnixEpoch;
        Bengkulu112Metrics.ClockFired([new ClockPoint("k1", TicketClock.Renotify, at), new ClockPoint("k2", TicketClock.Acknowledge, at)]);
        Assert.Contains(_measurements, m => m.Instrument == "b112.clocks.fired" && m.Tags["step"] == "renotify");
        Assert.Contains(_measurements, m => m.Instrument == "b112.clocks.fired" && m.Tags["step"] == "acknowledge");
        Assert.Contains(_measurements, m => m.Instrument == "b112.sla.breaches" && m.Tags["step"] == "acknowledge");
        Assert.DoesNotContain(_measurements, m => m.Instrument == "b112.sla.breaches" && m.Tags["step"] == "renotify");
    }

    public void Dispose() => _listener.Dispose();
}
