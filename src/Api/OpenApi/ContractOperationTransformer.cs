using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.OpenApi;

/// <summary>Writes each operation's row of <see cref="OperationContracts"/> into the document.</summary>
internal sealed class ContractOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var key = OperationContracts.Key(description.HttpMethod ?? "", description.RelativePath ?? "");
        if (!OperationContracts.ByRoute.TryGetValue(key, out var contract))
            return Task.CompletedTask; // the contract tests name the route
        var path = "/" + (description.RelativePath ?? "").Trim('/');
        var document = context.Document!;

        operation.OperationId = contract.Id;
        operation.Summary = contract.Summary;
        operation.Description = contract.Description + "\n\n" + RoleWords(contract.Roles);
        operation.Tags = new HashSet<OpenApiTagReference> { new(contract.Tag, document) };
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray([.. contract.Roles.Select(r => (JsonNode)r)]));
        operation.Security = contract.Roles.Length == 0
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.Scheme, document)] = [] }];

        AddRequestHeaders(operation, contract.Headers);
        if (contract.RequestExample is { } example && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
                media.Example = JsonNode.Parse(example);
        }

        operation.Responses ??= [];
        if (contract.ResponseExample is { } answer
            && operation.Responses.FirstOrDefault(r => r.Key.StartsWith('2')).Value?.Content?.TryGetValue("application/json", out var json) == true)
            json.Example = JsonNode.Parse(answer);
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse success || !status.StartsWith('2'))
                continue;
            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (contract.Headers.HasFlag(ContractHeaders.ETag))
                success.Headers["ETag"] = Header("The ticket's `version` as an entity tag, e.g. `\"3\"`: send it back as `If-Match`.");
            if (contract.Headers.HasFlag(ContractHeaders.Location) && status is "201" or "202")
                success.Headers["Location"] = Header("The address of what was created.");
            if (success.Headers.Count == 0)
                success.Headers = null;
        }

        foreach (var status in ProblemStatuses(contract, description.ActionDescriptor.EndpointMetadata))
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = ProblemResponse(status, path, document);
        DescribeAlternativeAnswers(operation, contract, document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A status answered with one of several bodies (chosen by the request's query) gets a oneOf: the first body as the
    /// document describes it, then each other one by reference to its component (a list as an array of them).
    /// </summary>
    private static void DescribeAlternativeAnswers(OpenApiOperation operation, OperationContract contract, OpenApiDocument document)
    {
        foreach (var answers in (contract.Answers ?? []).GroupBy(a => a.Status).Where(g => g.Count() > 1))
        {
            var status = answers.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses is null || !operation.Responses.TryGetValue(status, out var response)
                || response.Content is null || !response.Content.TryGetValue("application/json", out var json) || json.Schema is null)
                continue;
            List<IOpenApiSchema> schemas = [json.Schema];
            foreach (var (_, body) in answers.Skip(1))
            {
                var item = body.IsGenericType && body.GetGenericTypeDefinition() == typeof(List<>) ? body.GetGenericArguments()[0] : null;
                schemas.Add(item is null
                    ? new OpenApiSchemaReference(body.Name, document)
                    : new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(item.Name, document) });
            }
            json.Schema = new OpenApiSchema { OneOf = schemas };
        }
    }

    private static string RoleWords(string[] roles) => roles.Length == 0
        ? "No token: anyone may call this route (its credential is the request itself)."
        : $"Roles allowed: {string.Join(", ", roles)} (`x-roles`); others get 403, a request without a valid token 401.";

    private static IEnumerable<int> ProblemStatuses(OperationContract contract, IList<object> metadata)
    {
        var statuses = new SortedSet<int>(contract.Problems);
        if (contract.Roles.Length > 0)
        {
            statuses.Add(401);
            statuses.Add(403);
        }
        var limited = metadata.OfType<EnableRateLimitingAttribute>().Any()
            || (contract.RateLimited && !metadata.OfType<DisableRateLimitingAttribute>().Any());
        if (limited)
            statuses.Add(429);
        statuses.Add(503);
        return statuses;
    }

    private static OpenApiResponse ProblemResponse(int status, string path, OpenApiDocument document)
    {
        var response = new OpenApiResponse
        {
            Description = status switch
            {
                400 => "The request is invalid: `errors` names each field.",
                401 => "No valid credential.",
                403 => "Not allowed for this role (or this OPD).",
                404 => "Not found (or not visible to this user).",
                409 => "Not allowed in the current state.",
                412 => "`If-Match` no longer matches the current version.",
                413 => "The body is too large.",
                415 => "The body's media type is not accepted.",
                422 => "The `Idempotency-Key` was used before with another body.",
                429 => "Too many requests: retry after `Retry-After` seconds.",
                503 => "The service is briefly unavailable: retry shortly.",
                _ => ReasonPhrases.GetReasonPhrase(status),
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemSchemas.MediaType] = new()
                {
                    Schema = new OpenApiSchemaReference(ProblemSchemas.For(status), document),
                    Example = ProblemSchemas.Example(status, path),
                },
            },
        };
        if (status == 429)
            response.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = Header("Seconds to wait before retrying.", JsonSchemaType.Integer) };
        return response;
    }

    private static void AddRequestHeaders(OpenApiOperation operation, ContractHeaders headers)
    {
        operation.Parameters ??= [];
        if (headers.HasFlag(ContractHeaders.IfMatch))
            operation.Parameters.Add(HeaderParameter("If-Match", "The `ETag` of the ticket version this command expects, e.g. `\"3\"` (or `*`); 412 when it is no longer the current one."));
        if (headers.HasFlag(ContractHeaders.IdempotencyKey))
            operation.Parameters.Add(HeaderParameter("Idempotency-Key", "A key of your choice (at most 200 characters): a repeat with the same key and body answers the first result instead of creating again; the same key with a different body answers 422."));
        if (headers.HasFlag(ContractHeaders.LastEventId))
            operation.Parameters.Add(HeaderParameter("Last-Event-ID", "Resume after this event id (the `id:` of the last event received); `?last_event_id=` does the same."));
    }

    private static OpenApiParameter HeaderParameter(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };
}
