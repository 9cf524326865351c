using System.Globalization;
using System.Text;

namespace Bengkulu112.Seed;

/// <summary>
/// A planned year as the history import file of API.md "History import": one row per call, the ticket's times for an
/// emergency, times with their WIB offset. The `note` names the plan's row, so every row is its own (two calls of one
/// number in the same second stay two calls) and a re-run imports nothing new.
/// </summary>
public static class ImportFileWriter
{
    public const string Header =
        "received_at,caller_number,channel,classification,category,description,address,kecamatan," +
        "escalated_at,acknowledged_at,on_scene_at,resolved_at,closed_at,cancelled_at,note";

    public static string Write(IReadOnlyList<PlannedCall> plan, SeedOptions options)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var call in plan)
        {
            var e = call.Emergency;
            string Step(int k) => e?.StepSeconds[k] is { } s ? Time(call.ReceivedAt.AddSeconds(s)) : "";
            csv.AppendJoin(',',
                Time(call.ReceivedAt), call.CallerNumber, call.Channel, call.Classification, e?.Category ?? "",
                Quote(e?.Description), Quote(e?.Address), Quote(e?.Kecamatan),
                Step(0), Step(1), Step(2), Step(3), Step(4), Step(5),
                $"seed {options.Year}/{options.Seed}/{call.Index}").Append('\n');
        }
        return csv.ToString();
    }

    private static string Time(DateTimeOffset at) =>
        at.ToOffset(YearPlan.Wib).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Quote(string? text) =>
        text is null ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
