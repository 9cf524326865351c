using System.Text.Json.Serialization;
using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>What a caller grain persists: counts over all its calls, its recent calls and a supervisor's flag.</summary>
[GenerateSerializer, Alias("Bengkulu112.CallerState")]
public sealed class CallerState
{
    [Id(0)] public int TotalCalls { get; set; }
    [Id(1)] public Dictionary<Classification, int> Counts { get; set; } = [];

    /// <summary>Recent calls, oldest first by received time; bounded by <see cref="CallerScreening.Trim"/>.</summary>
    [Id(2)] public List<RecordedCall> Calls { get; set; } = [];

    [Id(3)] public SupervisorFlag? Flag { get; set; }
}

/// <summary>One call of the caller, as far as screening needs it.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.RecordedCall")]
public sealed record RecordedCall(
    [property: Id(0)] Guid CallId,
    [property: Id(1)] DateTimeOffset ReceivedAt,
    [property: Id(2), JsonConverter(typeof(JsonStringEnumConverter<Classification>))] Classification? Classification);

/// <summary>A supervisor's flag on a number: why, who, when.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.SupervisorFlag")]
public sealed record SupervisorFlag(
    [property: Id(0)] string Reason,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At);
