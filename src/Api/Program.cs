using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Alerts;
using Bengkulu112.Api.Json;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Board;
using Bengkulu112.Api.Cluster;
using Bengkulu112.Api.Endpoints;
using Bengkulu112.Api.Health;
using Bengkulu112.Api.Hosting;
using Bengkulu112.Api.Interop;
using Bengkulu112.Api.OpenApi;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.RateLimiting;
using Bengkulu112.Api.Reports;
using Bengkulu112.Api.Streaming;
using Bengkulu112.ServiceDefaults;
using Bengkulu112.ServiceDefaults.Logging;
using Bengkulu112.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

if (args is ["token", .. var tokenArgs])
{
    var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
    return TokenCommand.Run(tokenArgs, configuration);
}
if (args is ["user", .. var userArgs])
    return await UserCommand.RunAsync(userArgs, new ConfigurationBuilder().AddEnvironmentVariables().Build());

var builder = WebApplication.CreateBuilder(args);
// Request lines carry caller numbers (`/callers/{number}`): the host's per-request log stays off (personal data).
builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Logging.AddBengkulu112Console();
var connectionString = builder.Configuration.GetConnectionString(OrleansClientSetup.ConnectionStringName) is { Length: > 0 } cs
    ? cs
    : throw new InvalidOperationException(
        "No PostgreSQL connection string: set ConnectionStrings__Postgres (./run.sh starts a local PostgreSQL and sets it).");

builder.AddBengkulu112Cluster(connectionString);
// Hosting a silo, the process already has the silo's data source (same database, statements auto-prepared): share it.
builder.Services.TryAddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddBengkulu112Queries();
builder.Services.AddBengkulu112Reports();
builder.Services.AddSingleton<AuditLog>();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddBengkulu112Json();
builder.Services.AddBengkulu112Problems();
builder.Services.AddBengkulu112Auth(builder.Configuration);
builder.Services.AddBengkulu112Accounts(builder.Configuration);
builder.Services.AddSingleton(MapTileSettings.From(builder.Configuration));
builder.Services.AddBengkulu112RateLimits(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
builder.Services.AddBengkulu112Health();
builder.Services.AddBengkulu112ForwardedHeaders(builder.Configuration);
builder.Services.AddBengkulu112OpenApi();
builder.Services.AddBengkulu112Feeds(builder.Configuration);
builder.Services.AddBengkulu112Alerts();
builder.Services.AddBengkulu112Interop(builder.Configuration);
builder.AddBengkulu112Telemetry("bengkulu112-api", otel => otel
    .WithTracing(t => t.AddAspNetCoreInstrumentation())
    .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(Bengkulu112Metrics.MeterName))); // the silo's, when hosted
// SIGTERM: Kestrel stops accepting connections and lets requests in flight finish within this time (then the Orleans
// client leaves, or the hosted silo hands its grains over, as a silo does in its 45 s). Container platforms must wait
// longer than this before they kill the process.
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(
    builder.Configuration.GetValue<bool>($"{ClusterSettings.Section}:{nameof(ClusterSettings.HostSilo)}") ? 45 : 30));

var app = builder.Build();
app.UseForwardedHeaders(); // first: rate limits, lockouts and the audit see the client's address, not the proxy's
app.UseBengkulu112Problems();
app.UseRequestBodyLimit();
app.UseWebSockets(); // the EIDO conveyance (GET /api/v1/eido/ws)
// The page's static files: anonymous, unlike the API, and before the rate limiter — a whole center behind one address
// reloading its boards must not use up the budget the sign-in and refresh calls of that address need.
app.UseBengkulu112Board();
app.UseAuthentication();
app.UsePasswordChangeGate();
app.UseRateLimiter();
app.UseAuthorization();
app.UseNulTextGuard();

app.MapBengkulu112Health();
app.MapBengkulu112OpenApi();
if (app.Services.GetRequiredService<ClusterSettings>().Dashboard)
    app.MapOrleansDashboard("/dashboard").RequireAuthorization(Policies.Admin).ExcludeFromDescription();
app.MapGroup("/api/v1").MapOpdsApi().MapRoutingApi().MapTicketsApi().MapCallsApi().MapCallersApi().MapAuditApi()
    .MapAlertsApi().MapStreamsApi().MapWebhooksApi().MapReportsApi().MapImportsApi().MapAuthApi().MapMeApi()
    .MapUsersApi().MapAuthConfigApi().MapInteropApi();

var stopping = app.Lifetime.ApplicationStopping; // read now: the host's services are disposed when RunAsync ends
try
{
    await app.RunAsync();
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // Stopped (Ctrl-C, SIGTERM) while still waiting for a silo's gateway: a normal shutdown, not a crash.
    Console.Error.WriteLine("Stopped before the cluster was reached.");
}
return 0;

/// <summary>Entry point type, visible to the integration tests' host.</summary>
public partial class Program;
