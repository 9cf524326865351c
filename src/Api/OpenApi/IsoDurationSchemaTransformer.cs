using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.OpenApi;

/// <summary>
/// Durations go over the wire as ISO 8601 strings (<see cref="Json.IsoDurationConverter"/>); the generator cannot see
/// through a custom converter and would describe them as anything.
/// </summary>
internal sealed class IsoDurationSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(TimeSpan) || type == typeof(TimeSpan?))
        {
            schema.Type = type == typeof(TimeSpan) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "duration";
            schema.Pattern = null;
            schema.Description ??= "ISO 8601 duration, e.g. PT2M, PT4H, P3D";
        }
        return Task.CompletedTask;
    }
}
