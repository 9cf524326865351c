using System.Text.Json;

namespace Bengkulu112.Calls;

/// <summary>The lower-case codes of SPEC.md §2 (`non_emergency`, `wrong_number`…), as counts are keyed in API.md.</summary>
public static class ClassificationCodes
{
    public static string Code(Classification classification) =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(classification.ToString());
}
