using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>
/// What one commit of a caller's intakes writes: its new calls, in arrival order, and its state with all of them
/// counted; or one call without a number (<see cref="CallerNumber"/> null, no caller written). Stored whole or not at all.
/// </summary>
/// <param name="CallerVersion">The caller's version after this write (1 for a number never stored).</param>
public sealed record IntakeWrite(string? CallerNumber, IReadOnlyList<IntakeCall> Calls, CallerState? Caller, int CallerVersion)
{
    /// <summary>A call without a number: stored alone, no caller to count it.</summary>
    public static IntakeWrite WithoutNumber(Guid callId, CallState call) => new(null, [new IntakeCall(callId, call)], null, 0);
}

/// <summary>One new call of an <see cref="IntakeWrite"/>.</summary>
public sealed record IntakeCall(Guid CallId, CallState Call);

/// <summary>How an <see cref="IntakeWrite"/> ended; nothing of it is stored unless <see cref="Recorded"/>.</summary>
public enum IntakeOutcome
{
    /// <summary>The calls and their caller are stored.</summary>
    Recorded,

    /// <summary>A call with one of its ids was already stored (a repeated request): nothing was written.</summary>
    CallExists,

    /// <summary>The stored caller is not the version this activation read: nothing was written.</summary>
    CallerConflict,
}
