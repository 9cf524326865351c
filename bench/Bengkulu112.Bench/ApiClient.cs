using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bengkulu112.Bench;

/// <summary>A thin HTTP client of the API that times every request it sends, by command name.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri url, string token, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, connections) })
        {
            BaseAddress = url,
            Timeout = TimeSpan.FromSeconds(60),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Latencies Latencies { get; } = new();

    /// <summary>Sends <paramref name="body"/>; answers the response JSON, or throws with the status and problem.</summary>
    public async Task<JsonNode> SendAsync(string name, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Latencies.Add(name, Stopwatch.GetElapsedTime(started));
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) ?? throw new JsonException($"{method} {path}: empty answer");
    }

    public Task<JsonNode> PostAsync(string name, string path, object body) => SendAsync(name, HttpMethod.Post, path, body);

    public void Dispose() => _http.Dispose();
}
