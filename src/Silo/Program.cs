using Bengkulu112.ServiceDefaults;
using Bengkulu112.ServiceDefaults.ClusterTls;
using Bengkulu112.ServiceDefaults.Logging;
using Bengkulu112.Silo.Hosting;
using Bengkulu112.Silo.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Bengkulu112.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

if (args is ["tls-certs", var folder])
{
    // ./run.sh: a local cluster CA and node certificate, valid for a year (deployments bring their own).
    var files = ClusterCertificates.Write(folder, TimeSpan.FromDays(365));
    Console.WriteLine($"cluster TLS files written: {files.CaFile}, {files.CertificateFile}, {files.KeyFile}");
    return 0;
}

// `migrate`: bring the database schema up to date and exit (./run.sh user add runs it before the first start).
if (args is ["migrate"])
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    using var loggers = LoggerFactory.Create(l => l.AddBengkulu112Console());
    await DatabaseMigrator.MigrateAsync(SiloSetup.RequireConnectionString(configuration),
        loggers.CreateLogger("Bengkulu112.Migrations"), CancellationToken.None);
    return 0;
}

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddBengkulu112Console();
builder.UseOrleans(silo => silo.UseBengkulu112(builder.Configuration));
builder.AddBengkulu112Telemetry("bengkulu112-silo", otel => otel.WithMetrics(m => m.AddMeter(Bengkulu112Metrics.MeterName)));
// On SIGTERM the silo stops taking work, deactivates its grains (state is written at each command, so nothing is lost),
// hands its directory and reminder ranges to the others and leaves the membership table as dead: seconds for the
// grains of this system. Past this timeout the host gives up waiting. Container platforms must wait longer than this
// before they kill the process (Kubernetes: terminationGracePeriodSeconds 60 in deploy/k8s/silo.yaml).
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
await builder.Build().RunAsync();
return 0;

/// <summary>Kept internal: the tests reference this project and the API, whose Program is the public one.</summary>
internal partial class Program;
