using Scalar.AspNetCore;

namespace Bengkulu112.Api.OpenApi;

public static class OpenApiSetup
{
    public static IServiceCollection AddBengkulu112OpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o
            .AddOperationTransformer<ContractOperationTransformer>()
            .AddDocumentTransformer<BearerSecuritySchemeTransformer>()
            .AddDocumentTransformer<ContractDocumentTransformer>()
            .AddSchemaTransformer<WireFormatSchemaTransformer>());

    /// <summary>
    /// The success bodies of endpoints whose results are untyped, from their rows' <see cref="OperationContract.Answers"/>
    /// (applied to every route of the group, so the endpoint files stay as they are).
    /// </summary>
    public static RouteGroupBuilder WithOperationContracts(this RouteGroupBuilder api)
    {
        ((IEndpointConventionBuilder)api).Add(endpoint =>
        {
            if (endpoint is not RouteEndpointBuilder { RoutePattern.RawText: { } template })
                return;
            foreach (var method in endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList())
            {
                if (OperationContracts.ByRoute.GetValueOrDefault(OperationContracts.Key(method, template))?.Answers is not { } answers)
                    continue;
                foreach (var (status, type) in answers)
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ["application/json"]));
            }
        });
        return api;
    }

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
