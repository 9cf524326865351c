namespace Bengkulu112.Failover;

/// <summary>One request of the load: when it ended (seconds since the load started), where it went, how it ended.</summary>
/// <param name="Status">The HTTP status, or 0 when no answer came (connection refused or reset, client timeout).</param>
/// <param name="Failure">For Status 0: `unreachable` or `timeout`; for an answer: its content type when it is not 2xx.</param>
public sealed record Outcome(double Start, double End, int Node, string Kind, int Status, string? Failure)
{
    public bool Succeeded => Status is >= 200 and < 300;

    public bool Failed => !Succeeded;

    public bool IsProblem503 => Status == 503 && Failure == "application/problem+json";

    /// <summary>How figures group it: `2xx`, `503 problem`, `500`, `timeout`, `unreachable`…</summary>
    public string Category => Succeeded ? "2xx"
        : Status == 0 ? Failure!
        : IsProblem503 ? "503 problem"
        : $"{Status} {Failure}".Trim();
}

/// <summary>A call whose intake (and maybe classification) was answered 2xx.</summary>
public sealed record AcceptedCall(string Id, string? Classification, string? TicketId);

/// <summary>The last 2xx answer about a ticket.</summary>
public sealed record AcceptedTicket(string Id, int Version, string Status);
