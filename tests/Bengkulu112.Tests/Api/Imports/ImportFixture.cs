using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bengkulu112.Imports;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bengkulu112.Tests.Api.Imports;

/// <summary>The API over two silos whose imports commit a few rows per chunk (so every file takes several chunks).</summary>
public sealed class ImportFixture : ApiFixture
{
    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<ImportOptions>(o => o.ChunkSize = 4);

    private readonly Dictionary<string, Task<JsonElement>> once = [];

    /// <summary>The result of <paramref name="run"/>, run once for this fixture under <paramref name="name"/>.</summary>
    public Task<JsonElement> Once(string name, Func<Task<JsonElement>> run)
    {
        lock (once)
            return once.TryGetValue(name, out var task) ? task : once[name] = run();
    }
}

/// <summary>Posting import files and waiting for them, as a supervisor would.</summary>
public static class ImportRequests
{
    public static Task<HttpResponseMessage> PostImport(this HttpClient client, byte[] file, string contentType = "text/csv")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync("/api/v1/imports", content);
    }

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>Starts the import (202 with its Location) and answers it once it is no longer running.</summary>
    public static async Task<JsonElement> ImportAndWait(this HttpClient client, byte[] file)
    {
        var response = await client.PostImport(file);
        var started = await response.AssertJson(HttpStatusCode.Accepted);
        Xunit.Assert.Equal($"/api/v1/imports/{started.GetProperty("id").GetString()}", response.Headers.Location?.ToString());
        return await Eventually.Within(TimeSpan.FromSeconds(60),
            async () => await (await client.GetAsync(response.Headers.Location)).AssertJson(HttpStatusCode.OK),
            i => i.GetProperty("status").GetString() != "running");
    }
}
