using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.OpenApi;

/// <summary>Declares the JWT bearer scheme so the document and the UI know every route wants a token.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Bengkulu112 API";
        document.Info.Description = "Ticket tracking for the 112 emergency call center of Kota Bengkulu. Roles: calltaker, opd, supervisor, admin.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Locally: ./run.sh token ROLE [OPD]",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("bearer", document)] = [],
        });
        return Task.CompletedTask;
    }
}
