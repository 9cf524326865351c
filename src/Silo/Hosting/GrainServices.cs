using Bengkulu112.Callers;
using Bengkulu112.Imports;
using Bengkulu112.Opds;
using Bengkulu112.Silo.Startup;
using Bengkulu112.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace Bengkulu112.Silo.Hosting;

/// <summary>What the grains need from the silo's container, and the work the silo does at start, in one place.</summary>
public static class GrainServices
{
    /// <summary>The grains' stores and batchers, their options (each bound to its configuration section), webhooks.</summary>
    public static IServiceCollection AddBengkulu112Grains(this IServiceCollection services)
    {
        services.AddSingleton<TicketStore>();
        services.AddSingleton<TicketTimelineStore>();
        services.AddSingleton<TicketNumbers>();
        services.AddSingleton<Bengkulu112.Calls.CallStore>();
        services.AddSingleton<CallerStore>();
        services.AddSingleton<IntakeBatcher>();
        services.AddSingleton<OpdTicketSource>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ImportChunkWriter>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddOptions<TicketOptions>().BindConfiguration(TicketOptions.Section)
            .Validate(o => o.IsValid(), "Tickets:TimeZone must be a known IANA time zone id and Tickets:OutboxSweepInterval positive")
            .ValidateOnStart();
        services.AddOptions<TicketClockOptions>().BindConfiguration(TicketClockOptions.Section)
            .Validate(o => o.IsValid(), $"Clocks:BackstopPeriod must be positive and Clocks:WakeAhead between zero and {TicketGrain.IdleMinutes} minutes (the tickets' idle collection age)")
            .ValidateOnStart();
        services.AddOptions<NoteLimitOptions>().BindConfiguration(NoteLimitOptions.Section)
            .Validate(o => o.IsValid(), "Notes:MaxPerTicket and Notes:MaxPerPersonPerMinute must be above zero")
            .ValidateOnStart();
        services.AddOptions<ScreeningOptions>().BindConfiguration(ScreeningOptions.Section);
        services.AddOptions<OpdTicketOptions>().BindConfiguration(OpdTicketOptions.Section);
        services.AddHostedService<TicketOutboxSweep>();
        services.AddBengkulu112Webhooks();
        return services;
    }

    /// <summary>Start-up work (the classes of Startup/): seed the OPDs and routing, wake the ticket clocks.</summary>
    public static ISiloBuilder AddBengkulu112StartupTasks(this ISiloBuilder silo) =>
        silo.AddStartupTask<SeedDefaultOpds>()
            .AddStartupTask<SeedDefaultRouting>()
            .AddStartupTask<WakeTicketClocks>();
}
