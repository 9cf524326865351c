using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Bengkulu112.Api.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddBengkulu112OpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddSchemaTransformer<IsoDurationSchemaTransformer>());

    /// <summary>`/openapi/v1.json` (the machine-readable contract) and `/docs` (browsable), both without a token.</summary>
    public static WebApplication MapBengkulu112OpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o
                .WithTitle("Bengkulu112 API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        return app;
    }
}
