using Scalar.AspNetCore;

namespace Bengkulu112.Api.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddBengkulu112OpenApi(this IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider, ContractAnswersProvider>()
            .AddOpenApi("v1", o => o
            .AddOperationTransformer<ContractOperationTransformer>()
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddDocumentTransformer<ContractDocumentTransformer>()
            .AddSchemaTransformer<WireFormatSchemaTransformer>());

    /// <summary>
    /// `/openapi/v1.json` (the machine-readable contract) and `/docs` (browsable), both without a token. The page keeps
    /// what helps a consumer of this API: no client-app promotion, no AI agent, no telemetry, no developer toolbar.
    /// </summary>
    public static WebApplication MapBengkulu112OpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o =>
            {
                o.WithTitle("Bengkulu112 API")
                    .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                    .AddPreferredSecuritySchemes(BearerSecuritySchemeTransformer.Scheme)
                    .DisableAgent()
                    .DisableMcp();
                o.HideClientButton = true;
                o.Telemetry = false;
                o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
                o.ShowOperationId = true;
            })
            .AllowAnonymous();
        return app;
    }
}
