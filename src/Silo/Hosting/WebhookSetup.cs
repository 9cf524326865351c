using System.Net.Http;
using Bengkulu112.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Silo.Hosting;

/// <summary>The silo services the webhook grains use: options from `Webhooks:*`, their stores and the delivering HttpClient.</summary>
public static class WebhookSetup
{
    public static IServiceCollection AddBengkulu112Webhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => DestinationPolicy.From(o) is not null) // throws naming the bad network
            .ValidateOnStart();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookEventSource>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookOptions.HttpClientName)
            .ConfigureHttpClient((sp, client) =>
                client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            // A redirect could carry the signed body somewhere the admin never named: a 3xx counts as a failure. Connections
            // go only to addresses the destination policy permits, checked after resolution (DNS rebinding fails too).
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = GuardedConnect.Using(
                    DestinationPolicy.From(sp.GetRequiredService<IOptions<WebhookOptions>>().Value)),
            });
        return services;
    }
}
