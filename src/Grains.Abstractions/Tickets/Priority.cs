namespace Bengkulu112.Tickets;

/// <summary>How urgent a ticket is; P1 is the most urgent (SPEC.md §2 categories table).</summary>
public enum Priority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
}
