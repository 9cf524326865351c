using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Xunit;

namespace Bengkulu112.Tests.Api.Interop;

/// <summary>
/// A client of `GET /api/v1/eido/ws` on a real socket (ClientWebSocket against the test server's Kestrel). Every read
/// has a time limit, so a missing message fails the test instead of hanging it.
/// </summary>
public sealed class EidoSocket : IAsyncDisposable
{
    public const string SubProtocol = "emergency-ent1.0";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonObject?> _received = Channel.CreateUnbounded<JsonObject?>();
    private readonly Task _reading;
    private int _transactions;

    /// <summary>Reads in the background: a read that times out in a test must not abort the socket.</summary>
    private EidoSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _reading = ReadAllAsync();
    }

    private async Task ReadAllAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                    continue;
                _received.Writer.TryWrite(JsonNode.Parse(message.ToArray())!.AsObject());
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
        }
        _received.Writer.TryWrite(null);
        _received.Writer.TryComplete();
    }

    public WebSocket Socket => _socket;

    /// <param name="baseAddress">The test server's http address.</param>
    /// <param name="inQuery">Send the token as `?access_token=` (as a browser must) instead of the header.</param>
    public static async Task<EidoSocket> ConnectAsync(Uri baseAddress, string? token, long? lastEventId = null,
        bool inQuery = false, string? subProtocol = SubProtocol)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
            socket.Options.AddSubProtocol(subProtocol);
        var query = new List<string>();
        if (token is not null && inQuery)
            query.Add("access_token=" + Uri.EscapeDataString(token));
        else if (token is not null)
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        if (lastEventId is { } id)
            query.Add("last_event_id=" + id);
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/v1/eido/ws", Query = string.Join("&", query) }.Uri;
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(uri, timeout.Token);
        Assert.Equal(SubProtocol, socket.SubProtocol);
        return new EidoSocket(socket);
    }

    public string NextTransaction() => "tx" + Interlocked.Increment(ref _transactions);

    public Task SendAsync(JsonObject message) => SendTextAsync(message.ToJsonString());

    public async Task SendTextAsync(string text) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task SendBinaryAsync(byte[] bytes) =>
        await _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>Subscribes and asserts the `subscribeResponse` accepts; answers the subscription id.</summary>
    public async Task<string> SubscribeAsync(string subType, string? incidentId = null)
    {
        var transaction = NextTransaction();
        var body = new JsonObject { ["requestType"] = "EIDO", ["requestSubType"] = subType, ["transactionId"] = transaction };
        if (incidentId is not null)
            body["incidentId"] = incidentId;
        await SendAsync(new JsonObject { ["subscribe"] = body });
        var response = await ExpectAsync("subscribeResponse");
        Assert.True(response["statusCode"]!.GetValue<int>() == 200, response.ToJsonString());
        Assert.Equal(transaction, response["transactionId"]!.GetValue<string>());
        return response["subscriptionId"]!.GetValue<string>();
    }

    /// <summary>The next message; null when the server closed the socket.</summary>
    public async Task<JsonObject?> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Patience);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message within {within ?? Patience}");
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>The body of the next message, which must be a <paramref name="name"/>.</summary>
    public async Task<JsonObject> ExpectAsync(string name)
    {
        var message = await NextAsync() ?? throw new Xunit.Sdk.XunitException($"closed while waiting for {name}");
        Assert.True(message.Count == 1 && message.ContainsKey(name), $"expected {name}, got {message.ToJsonString()}");
        return message[name]!.AsObject();
    }

    /// <summary>The next `event`, acknowledged with an `eventResponse` as the standard asks.</summary>
    public async Task<JsonObject> NextEventAsync()
    {
        var body = await ExpectAsync("event");
        await SendAsync(new JsonObject
        {
            ["eventResponse"] = new JsonObject { ["transactionId"] = body["transactionId"]!.GetValue<string>(), ["statusCode"] = 200 },
        });
        return body;
    }

    /// <summary>Reads events until one notifies about the incident numbered <paramref name="number"/> in <paramref name="status"/>.</summary>
    public async Task<(JsonObject Event, JsonObject Eido)> EventAboutAsync(string number, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var body = await NextEventAsync();
            foreach (var eido in body["notification"]!.AsArray().Select(n => n!.AsObject()))
                if (eido["incidentComponent"]!["internalIncidentId"]!.GetValue<string>() == number
                    && eido["incidentComponent"]!["incidentStatusInternalText"]![0]!.GetValue<string>() == status)
                    return (body, eido);
        }
        throw new TimeoutException($"no event about {number} in {status}");
    }

    /// <summary>Asserts nothing arrives for <paramref name="quiet"/>.</summary>
    public async Task AssertQuietFor(TimeSpan quiet)
    {
        try
        {
            var message = await NextAsync(quiet);
            Assert.Fail($"expected silence, got {message?.ToJsonString() ?? "a close"}");
        }
        catch (TimeoutException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }
        }
        _socket.Abort();
        await _reading;
        _socket.Dispose();
    }
}
