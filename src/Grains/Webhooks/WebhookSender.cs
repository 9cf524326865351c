using System.Diagnostics;
using System.Net.Http.Headers;

namespace Bengkulu112.Webhooks;

/// <summary>Makes one signed POST of one event and reports how it went; never throws for a receiver's failure.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string EventIdHeader = "X-Bengkulu112-Event-Id";
    public const string EventHeader = "X-Bengkulu112-Event";

    public async Task<DeliveryOutcome> SendAsync(WebhookSubscription webhook, WebhookEvent e)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url);
        request.Content = new ByteArrayContent(e.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(webhook.Secret, e.Body));
        var now = time.GetUtcNow();
        request.Headers.Add(WebhookSignature.TimestampedHeader,
            WebhookSignature.SignTimestamped(webhook.LiveSecrets(now), now, e.EventId, e.Body));
        request.Headers.Add(EventIdHeader, e.EventId);
        request.Headers.Add(EventHeader, e.Type);

        var client = clients.CreateClient(WebhookOptions.HttpClientName);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // Headers only: the receiver's answer body is not needed, and a huge one must not be buffered.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return new DeliveryOutcome((int)response.StatusCode, null, Elapsed(stopwatch));
        }
        catch (TaskCanceledException)
        {
            return new DeliveryOutcome(null, $"no answer within {client.Timeout.TotalSeconds:0.###} s", Elapsed(stopwatch));
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryOutcome(null, Describe(ex), Elapsed(stopwatch));
        }
    }

    /// <summary>
    /// A generic description of why the receiver could not be reached. Never the exception's own text: it names the
    /// resolved address, which would let whoever reads the delivery log map internal networks.
    /// </summary>
    public static string Describe(HttpRequestException ex) => ex.InnerException is DestinationRefusedException
        ? GuardedConnect.RefusedMessage
        : ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name could not be resolved",
            HttpRequestError.ConnectionError => "could not connect to the receiver",
            HttpRequestError.SecureConnectionError => "the TLS handshake with the receiver failed",
            HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded
                => "the receiver's answer was not valid HTTP",
            HttpRequestError.ProxyTunnelError => "the proxy refused the connection",
            _ => "the delivery failed before the receiver answered",
        };

    private static int Elapsed(Stopwatch stopwatch) => (int)Math.Min(stopwatch.ElapsedMilliseconds, int.MaxValue);
}
