using System.Security.Claims;
using System.Security.Cryptography;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Idempotency;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.RateLimiting;
using Bengkulu112.Common;
using Bengkulu112.Imports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.Endpoints;

/// <summary>
/// History import (API.md "History import", SPEC.md §8): the center's own records as CSV, imported in the background on
/// the cluster; progress and refused rows are read back here.
/// </summary>
public static class ImportsApi
{
    /// <summary>Where an Idempotency-Key of `POST /imports` derives the new import's id.</summary>
    private const string StartScope = "POST /imports";

    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports").RequireAuthorization(Policies.SupervisorOrAdmin);
        // The media type is checked by the handler (415), after authorization: Accepts() would make routing refuse first.
        imports.MapPost("/", Start).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            };
            return Task.CompletedTask;
        });
        imports.MapGet("/", List);
        imports.MapGet("/{id}", Get);
        return api;
    }

    /// <summary>
    /// Checks what can be checked at once (size, encoding, header) and hands the file to its import grain, which stores
    /// it before answering: 202 with the import running, its rows checked and written in the background.
    /// </summary>
    private static async Task<Results<Accepted<ImportResponse>, ValidationProblem, ProblemHttpResult, EmptyHttpResult>> Start(
        HttpContext http, ClaimsPrincipal user, IClusterClient grains)
    {
        var request = http.Request;
        var errors = new FieldErrors();
        var key = IdempotencyKey.From(request, errors);
        if (request.ContentType is not { } type || !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Problem("The body must be a CSV file (Content-Type: text/csv).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);

        var file = await ReadBoundedAsync(request.Body, RequestLimits.MaxImportBytes, http.RequestAborted);
        if (file is null)
        {
            await RequestLimits.WriteTooLargeAsync(http, RequestLimits.MaxImportBytes);
            return TypedResults.Empty;
        }
        if (ImportCsv.Decode(file, errors) is { } text)
            ImportCsv.CheckHeader(text, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var actor = user.ToActor();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        var id = key?.DeriveId(StartScope, actor) ?? Guid.NewGuid();
        var result = await grains.GetGrain<IImportGrain>(id).Start(new ImportStart(file, sha256, actor.Name, sha256));
        if (result.Failure is { } failure)
            return failure.ToProblem();
        return TypedResults.Accepted($"/api/v1/imports/{id}", ImportResponse.From(result.Import!));
    }

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> Get(string id, ImportQueries queries)
    {
        if (Guid.TryParse(id, out var importId) && await queries.GetAsync(importId) is { } import)
            return TypedResults.Ok(import);
        return Problem.NotFound($"No import with id '{id}'.");
    }

    private static async Task<Results<Ok<Page<ImportResponse>>, ValidationProblem>> List(HttpRequest request, ImportQueries queries)
    {
        var filter = ImportListFilter.Parse(request.Query, out var errors);
        return errors.IsEmpty ? TypedResults.Ok(await queries.ListAsync(filter)) : Problem.Validation(errors);
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/> (a chunked body declares no length).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
