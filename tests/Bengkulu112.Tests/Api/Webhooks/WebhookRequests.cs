using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;

namespace Bengkulu112.Tests.Api.Webhooks;

/// <summary>Short ways to drive webhooks in tests.</summary>
public static class WebhookRequests
{
    public const string Secret = "s3cret-for-tests-0123456789";

    public static async Task<string> CreateWebhookAsync(this HttpClient admin, string url, string[] events, string? opd = null) =>
        (await (await admin.PostAsJsonAsync("/api/v1/webhooks", new { url, events, opd, secret = Secret }))
            .AssertJson(HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public static async Task<HttpResponseMessage> PostWithIdempotencyKeyAsync(this HttpClient client, string url,
        object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement[]> DeliveriesAsync(this HttpClient admin, string webhookId) =>
        (await (await admin.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries?limit=500")).AssertJson(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().ToArray();

    /// <summary>Waits until the receiver got at least <paramref name="count"/> requests on <paramref name="path"/> matching <paramref name="which"/>.</summary>
    public static Task<IReadOnlyList<WebhookReceiver.Received>> WaitForAsync(this WebhookReceiver receiver, string path,
        int count = 1, Func<WebhookReceiver.Received, bool>? which = null, int seconds = 20) =>
        Eventually.Within(TimeSpan.FromSeconds(seconds),
            () => Task.FromResult<IReadOnlyList<WebhookReceiver.Received>>(
                receiver.To(path).Where(which ?? (_ => true)).ToList()),
            received => received.Count >= count);

    public static JsonElement Json(this WebhookReceiver.Received received) => JsonDocument.Parse(received.Body).RootElement;

    public static bool IsAbout(this WebhookReceiver.Received received, string ticketId) =>
        received.Json().TryGetProperty("ticket_id", out var id) && id.GetString() == ticketId;

    public static string ExpectedSignature(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
}
