using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Bengkulu112.Api.Problems;

public static class ProblemSetup
{
    /// <summary>Every error leaves as an RFC 9457 problem with type, title, status, detail and a trace id.</summary>
    public static IServiceCollection AddBengkulu112Problems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Customize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed bodies surface as exceptions, so ApiExceptionHandler can name the offending field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Exception handler first, then status-code pages so empty 401/403/404/405 answers get a problem body too.</summary>
    public static WebApplication UseBengkulu112Problems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    private static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Type ??= $"https://httpstatuses.io/{status}";
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Detail ??= DefaultDetail(status, context.HttpContext);
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
    }

    private static string DefaultDetail(int status, HttpContext http) => status switch
    {
        StatusCodes.Status401Unauthorized => "A valid bearer token is required (Authorization: Bearer <jwt>).",
        StatusCodes.Status403Forbidden => "Your role is not allowed to do this.",
        StatusCodes.Status404NotFound => $"Nothing is found at {http.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred; it has been logged.",
        StatusCodes.Status503ServiceUnavailable => "The service is temporarily unavailable; retry shortly.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
