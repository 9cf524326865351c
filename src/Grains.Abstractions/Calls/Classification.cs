namespace Bengkulu112.Calls;

/// <summary>What a call turned out to be (SPEC.md §2 Calls); serialised as the snake_case codes.</summary>
public enum Classification
{
    Emergency,
    NonEmergency,
    Prank,
    Silent,
    WrongNumber,
    Abandoned,
}

/// <summary>How the call reached the center.</summary>
public enum Channel
{
    Voice,
    Sms,
    App,
}
