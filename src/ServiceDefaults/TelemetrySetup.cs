using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Bengkulu112.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bengkulu112.ServiceDefaults;

/// <summary>
/// OpenTelemetry for silos and API nodes, on only where `OTEL_EXPORTER_OTLP_ENDPOINT` is set (the standard variable;
/// `OTEL_EXPORTER_OTLP_PROTOCOL`, `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` apply as usual). Without it no SDK
/// is registered and instrumentation costs nothing; the meters can still be read with `dotnet-counters`.
/// </summary>
public static class TelemetrySetup
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";

    /// <summary>Orleans' runtime meter (silos and clients) in 10.x.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Every Orleans activity source (application grain calls, runtime, lifecycle, storage).</summary>
    public const string OrleansActivitySources = "Microsoft.Orleans.*";

    /// <summary>
    /// Traces and metrics of Orleans, Npgsql, outgoing HTTP and the .NET runtime, exported over OTLP;
    /// <paramref name="configure"/> adds what only this kind of process has (ASP.NET Core, the domain meter).
    /// </summary>
    public static IHostApplicationBuilder AddBengkulu112Telemetry(this IHostApplicationBuilder builder,
        string defaultServiceName, Action<OpenTelemetryBuilder>? configure = null)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
            return builder;

        var otel = builder.Services.AddOpenTelemetry();
        // OTEL_SERVICE_NAME wins when set (a service name added here would override the environment's).
        if (string.IsNullOrWhiteSpace(builder.Configuration[ServiceNameKey]))
            otel.ConfigureResource(r => r.AddService(defaultServiceName));
        otel.WithTracing(tracing => tracing
                .AddSource(OrleansActivitySources)
                .AddNpgsql()
                .AddHttpClientInstrumentation()
                // Registered before the exporter's processor, so spans are masked before they are exported.
                .AddProcessor(new PhoneNumberMaskingProcessor()))
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeter)
                .AddNpgsqlInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        configure?.Invoke(otel);
        otel.UseOtlpExporter();
        return builder;
    }
}
