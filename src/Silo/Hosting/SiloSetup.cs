using System.Net;
using Bengkulu112.ServiceDefaults;
using Bengkulu112.Tickets;
using Bengkulu112.ServiceDefaults.ClusterTls;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;

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
        connectionString = WithoutResetOnClose(connectionString);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        if (endpoints && settings.Kubernetes)
        {
            silo.Configure<EndpointOptions>(o =>
            {
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
            });
            silo.UseKubernetesHosting();
        }
        else if (endpoints)
        {
            silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedIP), settings.SiloPort, settings.GatewayPort,
                settings.ListenOnAnyHostAddress);
        }

        silo.UseBengkulu112Tls(settings.Tls);
        silo.Configure<ClusterMembershipOptions>(settings.Membership.ApplyTo);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Default, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer();
        });
        // Orleans' own stream subscription state has constructor-only types: it keeps Orleans' default serializer.
        silo.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        // Pushes only: what must not be lost is written durably before it is published (memory streams die with a silo).
        silo.AddMemoryStreams(TicketStreams.Provider);
        // Trace context flows from the API's request through grain calls (spans appear only when a tracer listens).
        silo.AddActivityPropagation();
        silo.AddIncomingGrainCallFilter<DatabaseFailureFilter>();
        // A grain whose state cannot be read fails to activate with the storage error itself, before any filter runs:
        // let Orleans carry Npgsql's exceptions, so the API sees PostgreSQL unavailable (503), not a codec error (500).
        silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(PostgresFailures.ExceptionNamespace));
        // Collects grain statistics for the dashboard the API nodes serve to admins (`/dashboard`); the log trace stays
        // off, as logs name callers.
        if (settings.Dashboard)
            silo.AddDashboard(o => o.HideTrace = true);

        silo.Services.TryAddSingleton(TimeProvider.System);
        // The app's statements are few and repeated: prepared once per connection, PostgreSQL parses and plans them once.
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(
            WithAutoPrepare(connectionString)));
        silo.Services.AddBengkulu112Grains();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new DatabaseMigrationParticipant(connectionString,
                sp.GetRequiredService<ILogger<DatabaseMigrationParticipant>>()));
        silo.AddBengkulu112StartupTasks();
        return silo;
    }

    public static string RequireConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings__{ConnectionStringName} (./run.sh starts a local PostgreSQL and sets it).");

    /// <summary>
    /// Neither the silo's statements nor Orleans' set anything that outlives a transaction, so a connection given back to
    /// the pool needs no reset: by default every return makes PostgreSQL run DISCARD ALL (or its parts) before the
    /// next statement, about ten times per ticket lifecycle.
    /// </summary>
    private static string WithoutResetOnClose(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;

    private static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }
}
