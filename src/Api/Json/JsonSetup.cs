using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bengkulu112.Api.Json;

public static class JsonSetup
{
    /// <summary>API.md: snake_case property names, enums as lower-case codes, no guessing on unknown properties' types.</summary>
    public static IServiceCollection AddBengkulu112Json(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.Converters.Add(new UtcTimestampConverter());
            o.SerializerOptions.Converters.Add(new PriorityConverter());
            o.SerializerOptions.Converters.Add(new IsoDurationConverter());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.MaxDepth = 32;
            // A misspelt field must not be dropped silently (an emergency report would lose it): 400 naming it.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
}
