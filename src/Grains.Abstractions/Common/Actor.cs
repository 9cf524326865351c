namespace Bengkulu112.Common;

/// <summary>
/// Who asks a grain to do something: the username (the token subject for programs), its role, for `opd` users the OPD
/// it is bound to, and the person's display name (null for programs and system work). Grains use it for timelines and
/// for the checks that depend on their own state (is this OPD assigned?).
/// </summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.Actor")]
public sealed record Actor(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Opd,
    [property: Id(3)] string? DisplayName = null)
{
    public const string OpdRole = "opd";
    public const string SupervisorRole = "supervisor";

    public bool IsOpd => Role == OpdRole;
    public bool IsSupervisor => Role == SupervisorRole;

    public static Actor System(string what) => new("system:" + what, "system", null);
}
