using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.OpenApi;

/// <summary>The RFC 9457 problem shapes of API.md as component schemas, and which one each status answers.</summary>
public static class ProblemSchemas
{
    public const string MediaType = "application/problem+json";
    public const string Problem = "Problem", Validation = "ValidationProblem", Conflict = "ConflictProblem",
        Precondition = "PreconditionProblem";

    public static string For(int status) => status switch
    {
        400 => Validation,
        409 => Conflict,
        412 => Precondition,
        _ => Problem,
    };

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schemas = document.Components.Schemas;
        schemas[Problem] = Shape("An RFC 9457 problem: what went wrong, for people (`title`, `detail`) and programs (`type`, `status`).");
        schemas[Validation] = Shape("A problem about the request's fields: `errors` names each invalid field with its messages (`location.lat`, `call_ids[0]`).",
            ("errors", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages per field, named as the request wrote it.",
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            }, false));
        schemas[Conflict] = Shape("The action is not allowed in the resource's current state; a ticket's current status is in `current_status`.",
            ("current_status", new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The ticket's status now (a ticket transition refused).",
            }, false));
        schemas[Precondition] = Shape("`If-Match` names another version than the current one; `current_version` is the current one.",
            ("current_version", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The current version." }, false));
    }

    private static OpenApiSchema Shape(string description, params (string Name, OpenApiSchema Schema, bool Required)[] extra)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the kind of problem." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the kind of problem." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong with this request." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The path of the request." },
                ["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The trace id to quote when reporting it." },
            },
        };
        foreach (var (name, property, required) in extra)
        {
            schema.Properties[name] = property;
            if (required)
                schema.Required.Add(name);
        }
        return schema;
    }

    /// <summary>An example problem of this status, as the API writes it.</summary>
    public static JsonNode Example(int status, string path)
    {
        var example = new JsonObject
        {
            ["type"] = $"https://httpstatuses.io/{status}",
            ["title"] = status switch
            {
                400 => "Invalid request",
                409 => "Not allowed in the current status",
                _ => ReasonPhrases.GetReasonPhrase(status),
            },
            ["status"] = status,
            ["detail"] = status switch
            {
                400 => "One or more fields are invalid; see errors.",
                401 => "A valid bearer token is required (Authorization: Bearer <jwt>).",
                403 => "Your role is not allowed to do this.",
                404 => "Nothing is found at this address.",
                409 => "A ticket in status 'closed' cannot be acknowledged.",
                412 => "The ticket changed since you read it (If-Match \"3\", now \"4\").",
                422 => "This Idempotency-Key was already used with a different request.",
                429 => "Too many requests from this client; retry after the time in Retry-After.",
                503 => "The service is temporarily unavailable; retry shortly.",
                _ => ReasonPhrases.GetReasonPhrase(status),
            },
            ["instance"] = path,
            ["trace_id"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        if (status == 400)
            example["errors"] = new JsonObject { ["description"] = new JsonArray("is required") };
        if (status == 409)
            example["current_status"] = "closed";
        if (status == 412)
            example["current_version"] = 4;
        return example;
    }
}
