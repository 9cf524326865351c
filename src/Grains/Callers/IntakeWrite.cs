using Bengkulu112.Calls;

namespace Bengkulu112.Callers;

/// <summary>What recording one call writes: the new call and its caller's state with the call counted.</summary>
/// <param name="CallerVersion">The caller's version after this write (1 for a number never stored).</param>
public sealed record IntakeWrite(Guid CallId, CallState Call, string CallerNumber, CallerState Caller, int CallerVersion);

/// <summary>How an <see cref="IntakeWrite"/> ended; nothing of it is stored unless <see cref="Recorded"/>.</summary>
public enum IntakeOutcome
{
    /// <summary>The call and its caller are stored.</summary>
    Recorded,

    /// <summary>A call with this id was already stored (a repeated request): nothing was written.</summary>
    CallExists,

    /// <summary>The stored caller is not the version this activation read: nothing was written.</summary>
    CallerConflict,
}
