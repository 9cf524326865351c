using System.Text.Json.Nodes;
using Bengkulu112.Tickets;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.OpenApi;

/// <summary>
/// What the generator cannot see through our own converters (src/Api/Json): durations as ISO 8601 strings, times as
/// UTC strings, priorities as `P1`.
/// </summary>
internal sealed class WireFormatSchemaTransformer : IOpenApiSchemaTransformer
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
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
        }
        else if (type == typeof(Priority) || type == typeof(Priority?))
        {
            schema.Type = type == typeof(Priority) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Enum = [.. Enum.GetNames<Priority>().Select(p => (JsonNode)p)];
            if (type == typeof(Priority?))
                schema.Enum.Add(null!);
            schema.Description ??= "P1 (most urgent), P2 or P3; `p1` is accepted on input too.";
        }
        return Task.CompletedTask;
    }
}
