using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Bengkulu112.Api.Interop.Conveyance;

/// <summary>
/// Browsers cannot set an `Authorization` header on a WebSocket: on `GET /api/v1/eido/ws` only, a client may send its
/// bearer token as `?access_token=` instead (the header wins when both are there). Other routes never read it.
/// </summary>
public static class EidoSocketSignIn
{
    public const string Path = "/api/v1/eido/ws";
    public const string QueryParameter = "access_token";

    public static IServiceCollection AddEidoSocketSignIn(this IServiceCollection services)
    {
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.Events ??= new JwtBearerEvents();
            var prior = o.Events.OnMessageReceived;
            o.Events.OnMessageReceived = async context =>
            {
                await prior(context);
                var request = context.Request;
                if (context.Token is null && request.Path.Equals(Path, StringComparison.Ordinal)
                    && request.Headers.Authorization.Count == 0
                    && request.Query[QueryParameter].LastOrDefault() is { Length: > 0 } token)
                    context.Token = token;
            };
        });
        return services;
    }
}
