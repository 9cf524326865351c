using System.Text.Json;
using Bengkulu112.Common;
using Bengkulu112.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Bengkulu112.Api.Problems;

/// <summary>
/// Turns exceptions into problems: malformed request bodies into 400 naming the field, a write that met another
/// node's write of the same record into 409, an unreachable cluster or database into 503, anything else into a 500
/// without internals.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, NpgsqlDataSource dataSource,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, detail, errors) = Classify(exception);
        if (PostgresFailures.IsTransient(exception))
            PostgresFailures.DropIdleConnections(dataSource);
        if (status >= 500)
            LogFailure(logger, exception, http.Request.Method, Callers.PhoneNumberMask.MaskIn(http.Request.Path.ToString()));

        http.Response.StatusCode = status;
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Detail = detail, Title = "Invalid request" };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static (int Status, string Detail, Dictionary<string, string[]>? Errors) Classify(Exception exception) =>
        exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "The request body is not valid JSON for this route.",
                new Dictionary<string, string[]> { [JsonFieldPath.ToField(json.Path)] = [JsonFieldPath.Describe(json)] }),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message, null),
            TimeoutException or OrleansException or SiloUnavailableException or DatabaseUnavailableException =>
                (503, "The service is temporarily unavailable; retry shortly.", null),
            StoredVersionConflictException => (409,
                "The record was changed meanwhile by another node of the cluster; nothing was stored. Retry the request.", null),
            _ when PostgresFailures.IsTransient(exception) => (503, "The service is temporarily unavailable; retry shortly.", null),
            _ => (500, "An unexpected error occurred; it has been logged.", null),
        };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);
}
