using Microsoft.AspNetCore.Http.Features;

namespace Bengkulu112.Api.RateLimiting;

/// <summary>
/// No request body larger than any real one (a call, a ticket, a webhook) by a wide margin; a history import file
/// (`POST /imports`) may be larger: a year of the center's calls is a few MB, a 100,000-row file about 15 MB.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The largest history import file (API.md "History import").</summary>
    public const long MaxImportBytes = 32 * 1024 * 1024;

    /// <summary>The route whose body is a file; every other route keeps <see cref="MaxBodyBytes"/>.</summary>
    public const string ImportPath = "/api/v1/imports";

    public static long LimitFor(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(ImportPath, StringComparison.OrdinalIgnoreCase)
            ? MaxImportBytes
            : MaxBodyBytes;

    /// <summary>The 413 problem naming the limit.</summary>
    public static Task WriteTooLargeAsync(HttpContext http, long limit)
    {
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        var size = limit >= 1024 * 1024 ? $"{limit / (1024 * 1024)} MiB" : $"{limit / 1024} KiB";
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 413, Detail = $"The body may be at most {size}." },
        }).AsTask();
    }

    /// <summary>
    /// Refuses a declared oversize body with a 413 problem before anything reads it, and caps undeclared (chunked) bodies
    /// at the same size where the server supports it.
    /// </summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var limit = LimitFor(http.Request);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
            if (http.Request.ContentLength > limit)
            {
                await WriteTooLargeAsync(http, limit);
                return;
            }
            await next();
        });
        return app;
    }
}
