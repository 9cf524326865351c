using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bengkulu112.Tests.Api.Webhooks;

/// <summary>
/// A receiver for webhook deliveries on a loopback port: records every request and answers, per path, the status
/// codes a test scripted (then 200), or hangs.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _always = new();
    private readonly ConcurrentDictionary<string, bool> _hanging = new();
    private readonly ConcurrentDictionary<string, int> _held = new();

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Answered)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
    }

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/{**path}", receiver.AnswerAsync);
        await receiver._app.StartAsync();
        return receiver;
    }

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features
        .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    /// <summary>A fresh path on this receiver, so each test sees only its own webhook's deliveries.</summary>
    public string NewUrl(out string path)
    {
        path = "/hooks/" + Guid.NewGuid().ToString("N");
        return BaseUrl + path;
    }

    /// <summary>The next requests to <paramref name="path"/> are answered with these codes, in order; later ones with 200.</summary>
    public void Script(string path, params int[] statuses) =>
        statuses.ToList().ForEach(_scripts.GetOrAdd(path, _ => new ConcurrentQueue<int>()).Enqueue);

    /// <summary>Every request to <paramref name="path"/> is answered with <paramref name="status"/> until <see cref="Heal"/>.</summary>
    public void AlwaysAnswer(string path, int status) => _always[path] = status;

    public void Heal(string path) => _always.TryRemove(path, out _);

    /// <summary>Requests to <paramref name="path"/> get no answer until the sender gives up or the receiver stops.</summary>
    public void Hang(string path) => _hanging[path] = true;

    public IReadOnlyList<Received> To(string path) => _received.Where(r => r.Path == path).ToList();

    /// <summary>How many requests to a hanging <paramref name="path"/> have arrived (and are being held).</summary>
    public int HeldAt(string path) => _held.GetValueOrDefault(path);

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (_hanging.ContainsKey(path))
        {
            _held.AddOrUpdate(path, 1, (_, n) => n + 1);
            using var released = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted,
                _app.Lifetime.ApplicationStopping);
            var held = new TaskCompletionSource();
            await using (released.Token.Register(() => held.TrySetResult()))
                await held.Task;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var status = _always.TryGetValue(path, out var always) ? always
            : _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var scripted) ? scripted
            : StatusCodes.Status200OK;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new Received(path, headers, body.ToArray(), status));
        context.Response.StatusCode = status;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
