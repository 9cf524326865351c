using Bengkulu112.Api.Interop.Cap;
using Bengkulu112.Api.Interop.Conveyance;
using Bengkulu112.Api.Interop.Eido;

namespace Bengkulu112.Api.Interop;

public static class InteropSetup
{
    /// <summary>EIDO export and conveyance, CAP alerts: their options, readers and the WebSocket sign-in.</summary>
    public static IServiceCollection AddBengkulu112Interop(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InteropOptions>()
            .Bind(configuration.GetSection(InteropOptions.Section))
            .Validate(o => o.IsValid(), "Interop: domains must be domain names, CapSender a CAP identifier, TimeZone an IANA zone.")
            .ValidateOnStart();
        services.AddSingleton<EidoSource>();
        services.AddSingleton<CapAlertQueries>();
        services.AddSingleton<ISessionLifetime, AccountSessionLifetime>();
        services.AddEidoSocketSignIn();
        return services;
    }
}
