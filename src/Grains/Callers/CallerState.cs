using System.Text.Json.Serialization;
using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>
/// What a caller grain persists (`callers.state`): counts over all its calls, the classified ones among its recent
/// calls and a supervisor's flag. Its size grows with the classifications call takers make, not with the calls: the
/// number's calls themselves are rows of `calls`, read back on activation (<see cref="RecentCalls"/>).
/// </summary>
[GenerateSerializer, Alias("Bengkulu112.CallerState")]
public sealed class CallerState
{
    [Id(0)] public int TotalCalls { get; set; }
    [Id(1)] public Dictionary<Classification, int> Counts { get; set; } = [];

    /// <summary>
    /// The classified calls among the recent ones (<see cref="RecentCalls"/>), oldest first: the caller's own record of
    /// the classifications it was told, which screening counts. Older versions stored every recent call here; reading
    /// ignores the unclassified ones.
    /// </summary>
    [Id(2)] public List<RecordedCall> Calls { get; set; } = [];

    [Id(3)] public SupervisorFlag? Flag { get; set; }

    /// <summary>A copy to change (house rule: change a copy, write it, then swap it in); it is small, so copying is cheap.</summary>
    public CallerState Copy() => new() { TotalCalls = TotalCalls, Counts = new(Counts), Calls = [.. Calls], Flag = Flag };
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
