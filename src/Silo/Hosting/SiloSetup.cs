using System.Net;
using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Bengkulu112.Silo.Hosting;

public static class SiloSetup
{
    public const string ConnectionStringName = "Postgres";
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Everything a Bengkulu112 silo needs: PostgreSQL membership, grain storage and reminders, the schema
    /// migration, and start-up seeding. <paramref name="endpoints"/> is false under the test host, which assigns ports itself.
    /// </summary>
    public static ISiloBuilder UseBengkulu112(this ISiloBuilder silo, IConfiguration configuration) =>
        silo.UseBengkulu112(RequireConnectionString(configuration),
            configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings());

    public static ISiloBuilder UseBengkulu112(this ISiloBuilder silo, string connectionString, SiloSettings settings,
        bool endpoints = true)
    {

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (endpoints)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedIP), settings.SiloPort, settings.GatewayPort,
                settings.ListenOnAnyHostAddress);
        }

        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        var serializer = new SystemTextJsonGrainStorageSerializer();
        foreach (var name in new[] { StorageNames.Default, StorageNames.PubSub })
        {
            silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
                // Orleans' own stream pub-sub state (public fields, constructor parameters named unlike them) cannot be
                // read back by our serializer; it keeps the provider's default serializer.
                if (name != StorageNames.PubSub)
                    o.GrainStorageSerializer = serializer;
            });
        }
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // Pushes only: what must not be lost is written durably before it is published (memory streams die with a silo).
        silo.AddMemoryStreams(TicketStreams.Provider);

        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new DatabaseMigrationParticipant(connectionString,
                sp.GetRequiredService<ILogger<DatabaseMigrationParticipant>>()));
        silo.AddStartupTask(async (sp, _) => await SeedDefaultOpds.RunAsync(sp.GetRequiredService<IGrainFactory>()));
        silo.AddStartupTask(async (sp, _) => await SeedDefaultRouting.RunAsync(sp.GetRequiredService<IGrainFactory>()));
        return silo;
    }

    public static string RequireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings__{ConnectionStringName} (./run.sh starts a local PostgreSQL and sets it).");
}
