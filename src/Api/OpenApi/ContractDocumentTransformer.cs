using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.OpenApi;

/// <summary>
/// The document as a whole: who it is for and how to get a token, contact and licence, the tags of
/// <see cref="OperationContracts"/>, the problem shapes, and no schema that no operation uses.
/// </summary>
internal sealed partial class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Description = """
        Ticket tracking for the 112 emergency call center of Kota Bengkulu: calls, tickets worked by the OPDs,
        alerts, live feeds, webhooks and reports. The human reference is docs/API.md; this document is the same
        contract for programs (generate your client from it).

        **Getting a token.** Every route but sign-in wants `Authorization: Bearer <access token>`.
        * A person: an admin creates the account (`./run.sh user add USERNAME --role ROLE [--opd CODE]` on the
          server prints a one-time password), then `POST /api/v1/auth/login` with `{ "username", "password" }`
          answers `access_token` (at most 15 minutes; `POST /api/v1/auth/refresh` with the cookie renews it).
        * A program or a script: `./run.sh token ROLE [OPD]` on the server prints a token.

        Paste the token under *Authentication* on this page to try the routes.

        **Roles**: calltaker, opd (bound to one OPD), supervisor, admin; each operation lists its roles
        (`x-roles`). **Errors** are RFC 9457 problems (`application/problem+json`): 400 adds `errors` per field,
        409 adds `current_status`, 429 comes with `Retry-After`.

        **Versioning**: within v1 only additions (routes, optional fields, problem types); a breaking change is
        announced with `Deprecation` and `Sunset` headers and in docs/CHANGELOG-API.md.
        """;

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Bengkulu112 API";
        document.Info.Version = "v1";
        document.Info.Description = Description;
        document.Info.Contact = new OpenApiContact
        {
            Name = "112 Call Center, Pemerintah Kota Bengkulu",
            Url = new Uri("https://bengkulukota.go.id"),
        };
        document.Info.License = new OpenApiLicense
        {
            Name = "Proprietary: for the 112 call center of Kota Bengkulu and its partner agencies",
            Url = new Uri("https://bengkulukota.go.id"),
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "This server" }];
        document.Security = null;

        RemoveWebSockets(document);
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags?.AsEnumerable() ?? []).Select(t => t.Name).ToHashSet();
        document.Tags = new HashSet<OpenApiTag>(OperationContracts.Tags.Where(t => used.Contains(t.Name))
            .Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        ProblemSchemas.AddTo(document);
        NullableShapes(document);
        await RemoveUnusedSchemas(document, ct);
    }

    private static void RemoveWebSockets(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths.ToList())
        {
            if (item.Operations is not { } operations)
                continue;
            foreach (var method in operations.Keys.ToList())
            {
                if (OperationContracts.ByRoute.GetValueOrDefault(OperationContracts.Key(method.Method, path))?.WebSocket == true)
                    operations.Remove(method);
            }
            if (operations.Count == 0)
                document.Paths.Remove(path);
        }
    }

    /// <summary>
    /// Nullability belongs to where a shape is used (`oneOf: [null, $ref]`), not to the shared shape: an enum that also
    /// lists `null` (or a shape that takes anything) would match null twice and fail the `oneOf`. And a nullable field of a request may be left out.
    /// </summary>
    private static void NullableShapes(OpenApiDocument document)
    {
        foreach (var (name, shape) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (shape is not OpenApiSchema schema)
                continue;
            if (schema is { Type: null, Enum: null, Properties: null, OneOf: null, AnyOf: null, AllOf: null, Not: null })
            {
                // Any JSON value but null (e.g. an audit entry's `details`): null is said where it is used.
                schema.Not = new OpenApiSchema { Type = JsonSchemaType.Null };
                schema.Description ??= "Any JSON value.";
            }
            if (schema.Enum is { } values && values.Any(v => v is null))
                schema.Enum = [.. values.Where(v => v is not null)];
            if (schema is { Type: null, Enum: { Count: > 0 } codes } && codes.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
                schema.Type = JsonSchemaType.String; // enums travel as their lower-case codes
            if (name.EndsWith("Request", StringComparison.Ordinal) && schema.Required is { } required && schema.Properties is { } properties)
            {
                foreach (var (field, property) in properties)
                {
                    if (property.Type is { } t && t.HasFlag(JsonSchemaType.Null) || property.OneOf?.Any(o => o.Type == JsonSchemaType.Null) == true)
                        required.Remove(field);
                }
                if (required.Count == 0)
                    schema.Required = null;
            }
        }
    }

    /// <summary>Schemas the generator registered for results the contract replaced (e.g. its own problem shapes).</summary>
    private static async Task RemoveUnusedSchemas(OpenApiDocument document, CancellationToken ct)
    {
        if (document.Components?.Schemas is not { } schemas)
            return;
        while (true)
        {
            var json = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, ct);
            var referenced = SchemaReference().Matches(json).Select(m => m.Groups[1].Value).ToHashSet();
            var unused = schemas.Keys.Where(k => !referenced.Contains(k)).ToList();
            if (unused.Count == 0)
                return;
            foreach (var name in unused)
                schemas.Remove(name);
        }
    }

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();
}
