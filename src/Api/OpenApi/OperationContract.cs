namespace Bengkulu112.Api.OpenApi;

/// <summary>Headers an operation honours or returns, beyond the body (API.md *Conventions*).</summary>
[Flags]
public enum ContractHeaders
{
    None = 0,
    /// <summary>Request: the ticket version the command expects; 412 when it no longer matches.</summary>
    IfMatch = 1,
    /// <summary>Request: a repeat with the same key and body answers the first result.</summary>
    IdempotencyKey = 2,
    /// <summary>Request: a live feed resumes after this event id.</summary>
    LastEventId = 4,
    /// <summary>Response: the ticket's version as an entity tag.</summary>
    ETag = 8,
    /// <summary>Response of 201/202: where the created resource lives.</summary>
    Location = 16,
}

/// <summary>
/// What API.md says of one operation, as the OpenAPI document tells it: a stable operation id, words for people,
/// who may call it and the answers it gives besides its success (the success and its body come from the endpoint's
/// typed results, or from <see cref="Answers"/> where the endpoint returns a plain IResult).
/// </summary>
/// <param name="Roles">Roles allowed; empty for a route whose credential is not a bearer token (sign-in).</param>
/// <param name="Problems">Problem statuses of this route (400, 404, 409, 412, 422…); 401, 403, 429 and 503 are added
/// from <see cref="Roles"/> and the route's rate limiting.</param>
/// <param name="Answers">Success statuses with their body type, for endpoints whose results are untyped.</param>
/// <param name="RequestExample">A JSON request body as a consumer would send it.</param>
/// <param name="ResponseExample">A JSON success body as the API answers it.</param>
/// <param name="WebSocket">A WebSocket route: OpenAPI cannot describe its messages (a generated HTTP method for it could
/// not work), so it is left out of the document and described in its tag's words instead.</param>
public sealed record OperationContract(
    string Id,
    string Tag,
    string Summary,
    string Description,
    string[] Roles,
    int[] Problems,
    ContractHeaders Headers = ContractHeaders.None,
    (int Status, Type Body)[]? Answers = null,
    string? RequestExample = null,
    bool RateLimited = true,
    bool WebSocket = false,
    string? ResponseExample = null);
