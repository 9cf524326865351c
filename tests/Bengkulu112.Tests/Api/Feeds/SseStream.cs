using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>One message of a `text/event-stream`: an event (id, event, data) or a comment line.</summary>
public sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment)
{
    public long EventId => long.Parse(Id ?? throw new Xunit.Sdk.XunitException($"message without id: {this}"));

    public JsonElement Json => JsonDocument.Parse(Data ?? throw new Xunit.Sdk.XunitException($"message without data: {this}")).RootElement;
}

/// <summary>
/// A Server-Sent Events connection read as it arrives. Every read has a time limit, so a missing event fails the test
/// with a <see cref="TimeoutException"/> instead of hanging it.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    /// <summary>
    /// Opens the feed. A 429 (the person's feed limit) is asked again until <see cref="Patience"/> runs out: the feeds a
    /// test closed a moment ago count until the server has seen their connections end.
    /// </summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, string path, long? lastEventId = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        HttpResponseMessage response;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is { } id)
                request.Headers.Add("Last-Event-ID", id.ToString());
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || timeout.IsCancellationRequested)
                break;
            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        if (response.StatusCode != HttpStatusCode.OK)
            Assert.Fail($"expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event or comment.</summary>
    public async Task<SseMessage> NextAsync(TimeSpan? within = null)
    {
        var limit = within ?? Patience;
        using var timeout = new CancellationTokenSource(limit);
        string? id = null, name = null, comment = null;
        var data = new List<string>();
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no server-sent message within {limit}");
            }
            if (line is null)
                throw new EndOfStreamException("the server ended the event stream");
            if (line.Length == 0)
            {
                if (id is not null || name is not null || comment is not null || data.Count > 0)
                    return new SseMessage(id, name, data.Count > 0 ? string.Join('\n', data) : null, comment);
                continue;
            }
            if (line[0] == ':')
            {
                comment = line[1..].Trim();
                continue;
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    /// <summary>The next event, skipping heartbeat comments.</summary>
    public async Task<SseMessage> NextEventAsync(TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Patience);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"no server-sent event within {within ?? Patience}");
            var message = await NextAsync(left);
            if (message.Comment is null)
                return message;
        }
    }

    public async Task<List<SseMessage>> NextEventsAsync(int count)
    {
        var events = new List<SseMessage>();
        for (var i = 0; i < count; i++)
            events.Add(await NextEventAsync());
        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
