using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace Bengkulu112.Api.Streaming;

/// <summary>
/// Writes the `text/event-stream` format by hand: the framework's SSE result cannot interleave comment lines
/// (heartbeats) with events. Every write is flushed at once, so no buffer holds an event back.
/// </summary>
public sealed class ServerSentEventWriter
{
    public const string ContentType = "text/event-stream";
    private readonly Stream _body;

    private ServerSentEventWriter(Stream body) => _body = body;

    /// <summary>Sends the headers now, so the client knows it is connected before the first event.</summary>
    public static async Task<ServerSentEventWriter> StartAsync(HttpResponse response, CancellationToken ct)
    {
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        // Reverse proxies (nginx) would otherwise buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(ct);
        await response.Body.FlushAsync(ct);
        return new ServerSentEventWriter(response.Body);
    }

    /// <param name="json">Serialised without indentation, so it is one `data:` line.</param>
    public Task EventAsync(long id, string name, string json, CancellationToken ct) =>
        WriteAsync($"id: {id}\nevent: {name}\ndata: {json}\n\n", ct);

    public Task CommentAsync(string text, CancellationToken ct) => WriteAsync($": {text}\n\n", ct);

    private async Task WriteAsync(string text, CancellationToken ct)
    {
        await _body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await _body.FlushAsync(ct);
    }
}
