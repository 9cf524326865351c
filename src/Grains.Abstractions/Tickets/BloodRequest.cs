using System.Text.RegularExpressions;
using Bengkulu112.Common;

namespace Bengkulu112.Tickets;

/// <summary>What a `blood` ticket asks PMI for: group with rhesus (`A+`, `O-`, `AB+`…), units and the hospital.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.BloodRequest")]
public sealed record BloodRequest(
    [property: Id(0)] string Group,
    [property: Id(1)] int Units,
    [property: Id(2)] string Hospital)
{
    public const int MaxUnits = 100;
    public const int MaxHospitalLength = 200;

    public static void Validate(BloodRequest? blood, string field, FieldErrors errors)
    {
        if (blood is null)
        {
            errors.Add(field, "is required for a blood ticket");
            return;
        }
        if (string.IsNullOrEmpty(blood.Group) || !Regex.IsMatch(blood.Group, "^(A|B|AB|O)[+-]$"))
            errors.Add($"{field}.group", "must be A, B, AB or O followed by + or - (e.g. \"O-\")");
        if (blood.Units is < 1 or > MaxUnits)
            errors.Add($"{field}.units", $"must be between 1 and {MaxUnits}");
        if (string.IsNullOrWhiteSpace(blood.Hospital))
            errors.Add($"{field}.hospital", "is required");
        else if (blood.Hospital.Length > MaxHospitalLength)
            errors.Add($"{field}.hospital", $"must be at most {MaxHospitalLength} characters");
    }
}
