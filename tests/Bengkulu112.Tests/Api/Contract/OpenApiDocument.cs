using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bengkulu112.Tests.Infrastructure;
using Json.Schema;
using Xunit;

namespace Bengkulu112.Tests.Api.Contract;

/// <summary>
/// The OpenAPI document the API serves, as a judge of real answers: is the status declared for the operation, and does
/// the body validate (JSON Schema 2020-12, the dialect of OpenAPI 3.1) against the schema declared for it?
/// </summary>
public sealed class OpenApiDocument
{
    public JsonObject Root { get; }
    private readonly JsonObject _definitions;
    private readonly Dictionary<string, JsonSchema> _schemas = [];
    private readonly HashSet<string> _checked = [];

    private OpenApiDocument(JsonObject root)
    {
        Root = root;
        var components = root["components"]?["schemas"]?.ToJsonString() ?? "{}";
        _definitions = JsonNode.Parse(Rebase(components))!.AsObject();
    }

    public static async Task<OpenApiDocument> LoadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new OpenApiDocument(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    /// <summary>Every operation as `METHOD /path/template`.</summary>
    public IEnumerable<string> Operations =>
        Root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"));

    public JsonObject Operation(string method, string template) =>
        Root["paths"]?[template]?[method.ToLowerInvariant()]?.AsObject()
        ?? throw new Xunit.Sdk.XunitException($"the document has no operation {method} {template}");

    /// <summary>Operations a real request was checked against so far.</summary>
    public IReadOnlySet<string> Checked => _checked;

    /// <summary>Asserts the answer is one the document declares for the operation, body included.</summary>
    public async Task AssertConforms(HttpResponseMessage response, string method, string template)
    {
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsStringAsync();
        var where = $"{method} {template} answered {status}";
        var declared = Operation(method, template)["responses"]?[status]
            ?? throw new Xunit.Sdk.XunitException($"{where}, a status the document does not declare: {body}");
        lock (_checked)
            _checked.Add($"{method} {template}");

        var content = declared["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            Assert.True(body.Length == 0, $"{where} with a body the document does not declare: {body}");
            return;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        Assert.True(content.ContainsKey(mediaType), $"{where} as {mediaType}; the document says {string.Join(", ", content.Select(c => c.Key))}");
        if (!mediaType.EndsWith("json", StringComparison.Ordinal))
            return;

        var schema = SchemaOf($"{method} {template} {status} {mediaType}", content[mediaType]!["schema"]!);
        using var json = JsonDocument.Parse(body);
        var result = schema.Evaluate(json.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, $"{where}; the body does not match the declared schema:\n{body}\n{Errors(result)}");
    }

    /// <summary>Schemas register globally by base URI: each loaded document names its own.</summary>
    private readonly string _instance = Guid.NewGuid().ToString("N");

    private JsonSchema SchemaOf(string key, JsonNode declared)
    {
        lock (_schemas)
        {
            if (_schemas.TryGetValue(key, out var schema))
                return schema;
            var root = new JsonObject
            {
                ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
                ["$defs"] = _definitions.DeepClone(),
                ["allOf"] = new JsonArray(JsonNode.Parse(Rebase(declared.ToJsonString()))),
            };
            schema = JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://contract.test/{_instance}/{_schemas.Count}"));
            _schemas[key] = schema;
            return schema;
        }
    }

    private static string Rebase(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    private static string Errors(EvaluationResults result) => string.Join("\n",
        (result.Details ?? []).Where(d => !d.IsValid)
            .Select(d => $"  {d.InstanceLocation} ({d.EvaluationPath}): {string.Join("; ", d.Errors?.Values.AsEnumerable() ?? [])}"));
}
