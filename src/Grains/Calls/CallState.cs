using System.Text.Json.Serialization;
using Bengkulu112.Common;

namespace Bengkulu112.Calls;

/// <summary>What a call grain persists (`calls.state`).</summary>
[GenerateSerializer, Alias("Bengkulu112.CallState")]
public sealed class CallState
{
    /// <summary>The fingerprint of the request that recorded the call (a repeat with another one is refused).</summary>
    [Id(0)] public string Fingerprint { get; set; } = "";
    /// <summary>The caller's E.164 number, or null for a call without a number (<see cref="CallerId"/> says why).</summary>
    [Id(1)] public string? CallerNumber { get; set; } = "";
    [Id(2)] public DateTimeOffset ReceivedAt { get; set; }
    [Id(3), JsonConverter(typeof(JsonStringEnumConverter<Channel>))] public Channel Channel { get; set; }
    [Id(4)] public string CallTaker { get; set; } = "";
    [Id(5)] public Location? Location { get; set; }
    [Id(6)] public string? Notes { get; set; }
    [Id(7), JsonConverter(typeof(JsonStringEnumConverter<Classification>))] public Classification? Classification { get; set; }
    [Id(8)] public DateTimeOffset? ClassifiedAt { get; set; }
    [Id(9)] public string? ClassifiedBy { get; set; }
    [Id(10)] public Guid? TicketId { get; set; }

    /// <summary>True when the classification opened the ticket (rather than linking to one): the call is then final.</summary>
    [Id(11)] public bool OpenedTicket { get; set; }

    [Id(12)] public Screening Screening { get; set; } = new(0, 0, 0, false, null);
    [Id(13)] public DateTimeOffset RecordedAt { get; set; }
    [Id(14), JsonConverter(typeof(JsonStringEnumConverter<CallerId>))] public CallerId CallerId { get; set; }

    /// <summary>
    /// A call as recorded on intake, with the screening of its caller before it (none without a number). Its received
    /// time is kept to the microsecond, as its row in `calls` keeps it: its caller, which reads it back from there,
    /// shows the same instant.
    /// </summary>
    public static CallState Recorded(CallIntake call, string? number, string fingerprint, Screening screening, DateTimeOffset now) =>
        new()
        {
            Fingerprint = fingerprint,
            CallerNumber = number,
            CallerId = call.CallerId,
            ReceivedAt = UtcTimestamps.ToMicroseconds(call.ReceivedAt),
            Channel = call.Channel,
            CallTaker = call.CallTaker,
            Location = call.Location,
            Notes = call.Notes,
            Screening = screening,
            RecordedAt = now,
        };

    public CallDetails ToDetails(Guid id) =>
        new(id, CallerNumber, ReceivedAt, Channel, CallTaker, Location, Notes, Classification, ClassifiedAt, TicketId,
            Screening, CallerId);
}
