using Bengkulu112.ServiceDefaults;
using Bengkulu112.ServiceDefaults.ClusterTls;
using Bengkulu112.Silo.Hosting;
using Bengkulu112.Tickets;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;

namespace Bengkulu112.Api.Cluster;

public static class OrleansClientSetup
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// The API joins the cluster: as a silo hosted in this process when `Orleans:HostSilo` is set (grain calls stay in
    /// the process), otherwise as an Orleans client that finds the silos' gateways in the PostgreSQL membership table, so
    /// any number of API nodes and silos can run as separate processes against the same database.
    /// </summary>
    public static WebApplicationBuilder AddBengkulu112Cluster(this WebApplicationBuilder builder, string connectionString)
    {
        var settings = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.Services.AddSingleton(settings);
        if (settings.HostSilo)
            builder.UseOrleans(silo => silo.UseBengkulu112(builder.Configuration));
        else
            builder.AddBengkulu112ClusterClient(connectionString, settings);
        return builder;
    }

    private static void AddBengkulu112ClusterClient(this WebApplicationBuilder builder, string connectionString,
        ClusterSettings settings)
    {
        var tls = ClusterTlsSetup.Settings(builder.Configuration);
        builder.UseOrleansClient(client =>
        {
            client.UseBengkulu112Tls(tls);
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = settings.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
            // Silos send Npgsql's exceptions back as they are (a grain that could not read its state): read them as such.
            client.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(PostgresFailures.ExceptionNamespace));
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
            client.AddMemoryStreams(TicketStreams.Provider);
            client.AddActivityPropagation();
            // Serves the silos' dashboard data to admins (`/dashboard`); the silos collect it. Logs name callers: no trace.
            if (settings.Dashboard)
                client.AddDashboard(o => o.HideTrace = true);
            client.Services.AddSingleton<IClientConnectionRetryFilter, GatewayRetryFilter>();
        });
    }
}
