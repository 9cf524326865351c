using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>The real API host (Program), joined as an Orleans client to a test cluster on the same database.</summary>
/// <param name="settings">Extra configuration of this host (e.g. shorter feed timings), applied last.</param>
public sealed class ApiFactory(string connectionString, string clusterId, TestTokens tokens,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Postgres", TestPostgres.AsApiLogin(connectionString));
        builder.UseSetting("Orleans:ClusterId", clusterId);
        builder.UseSetting("Orleans:ServiceId", SiloHosts.ServiceId);
        builder.UseSetting("Orleans:ConnectRetryDelay", "00:00:00.500");
        builder.UseSetting("Auth:SigningKeyFile", tokens.KeyFile);
        foreach (var (key, value) in TestCertificates.ConfigurationKeys)
            builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
    }

    public HttpClient ClientAs(string? role, string? opd = null)
    {
        var client = CreateClient();
        if (role is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(role, opd));
        return client;
    }
}
