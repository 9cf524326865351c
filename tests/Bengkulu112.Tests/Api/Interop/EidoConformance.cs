using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xunit;

namespace Bengkulu112.Tests.Api.Interop;

/// <summary>
/// The rules of NENA-STA-021 an EIDO is held to, as the receiving center would check them: the schema written for this
/// project (required members, allowed registry values, id and time forms), then the rules a schema cannot say: every
/// component starts with the prologue in its order, `$id`s are unique, every `$ref` resolves, no member is null.
/// </summary>
public static partial class EidoConformance
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Api", "Interop", "Schemas", "eido-1.0.schema.json")));

    private static readonly string[] Prologue = ["$id", "lastUpdateTimeStamp", "updatedByAgencyReference"];

    /// <summary>Asserts <paramref name="json"/> is a conforming EIDO and answers it.</summary>
    public static JsonObject AssertConforms(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var result = Schema.Evaluate(JsonDocument.Parse(json).RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, "EIDO does not match the schema: " + string.Join("; ", Errors(result)) + "\n" + json);

        var ids = new List<string>();
        var refs = new List<string>();
        Walk(node, "$", ids, refs);
        var duplicate = ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1);
        Assert.True(duplicate is null, $"$id {duplicate?.Key} is used twice");
        foreach (var reference in refs)
            Assert.True(ids.Contains(reference), $"$ref {reference} names no component of the EIDO");
        return node;
    }

    private static IEnumerable<string> Errors(EvaluationResults result) =>
        (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"));

    private static void Walk(JsonNode? node, string path, List<string> ids, List<string> refs)
    {
        switch (node)
        {
            case null:
                Assert.Fail($"{path} is null: EIDOs leave out what they do not know");
                break;
            case JsonObject obj:
                if (obj.ContainsKey("$id"))
                {
                    Assert.Equal(Prologue, obj.Select(p => p.Key).Take(3));
                    ids.Add(obj["$id"]!.GetValue<string>());
                }
                if (obj.ContainsKey("$ref"))
                    refs.Add(obj["$ref"]!.GetValue<string>());
                foreach (var (name, value) in obj)
                    Walk(value, $"{path}.{name}", ids, refs);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], $"{path}[{i}]", ids, refs);
                break;
        }
    }

    /// <summary>Every `$id` of the document (ids of notes, calls, agencies…) in document order.</summary>
    public static List<string> Ids(JsonObject eido)
    {
        var ids = new List<string>();
        Walk(eido, "$", ids, []);
        return ids;
    }
}
