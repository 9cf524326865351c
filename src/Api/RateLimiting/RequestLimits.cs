using Microsoft.AspNetCore.Http.Features;

namespace Bengkulu112.Api.RateLimiting;

/// <summary>No request body larger than any real one (a call, a ticket, a webhook) by a wide margin.</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Refuses a declared oversize body with a 413 problem before anything reads it, and caps undeclared (chunked) bodies
    /// at the same size where the server supports it.
    /// </summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = MaxBodyBytes;
            if (http.Request.ContentLength > MaxBodyBytes)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 413, Detail = $"The body may be at most {MaxBodyBytes / 1024} KiB." },
                });
                return;
            }
            await next();
        });
        return app;
    }
}
