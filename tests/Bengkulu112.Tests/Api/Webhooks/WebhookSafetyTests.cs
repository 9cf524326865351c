using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Bengkulu112.Webhooks;
using Xunit;

namespace Bengkulu112.Tests.Api.Webhooks;

/// <summary>
/// Webhooks cannot be aimed at internal hosts, cannot be replayed later, can change secret without losing a delivery,
/// and leave a trace of who made or removed them.
/// </summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookSafetyTests(WebhookFixture fixture)
{
    private readonly HttpClient _admin = fixture.ClientAs("admin");
    private readonly HttpClient _callTaker = fixture.ClientAs("calltaker");
    private WebhookReceiver Receiver => fixture.Receiver;

    [Theory]
    [InlineData("127.0.0.2")] // loopback outside the fixture's allow-list (127.0.0.1 only)
    [InlineData("[::1]")]
    public async Task A_delivery_to_an_internal_address_is_refused_and_logged_without_the_address(string host)
    {
        var port = new Uri(Receiver.BaseUrl).Port;
        var webhook = await _admin.CreateWebhookAsync($"http://{host}:{port}/internal", ["ticket.changed"]);

        await _callTaker.CreateFireAsync();

        var log = await Eventually.Within(TimeSpan.FromSeconds(15), () => _admin.DeliveriesAsync(webhook), d => d.Length > 0);
        Assert.All(log, attempt =>
        {
            Assert.Equal(GuardedConnect.RefusedMessage, attempt.Str("error"));
            Assert.False(attempt.GetProperty("delivered").GetBoolean());
        });
        Assert.Empty(Receiver.To("/internal"));
    }

    [Fact]
    public async Task A_delivery_carries_a_timestamped_signature_of_its_event_id_and_body()
    {
        var url = Receiver.NewUrl(out var path);
        await _admin.CreateWebhookAsync(url, ["ticket.changed"]);

        var ticket = await _callTaker.CreateFireAsync();

        var delivery = (await Receiver.WaitForAsync(path, which: r => r.IsAbout(ticket.Str("id"))))[0];
        var header = delivery.Header(WebhookSignature.TimestampedHeader);
        Assert.True(WebhookSignature.Verify(header, WebhookRequests.Secret, delivery.Header("X-Bengkulu112-Event-Id"),
            delivery.Body, DateTimeOffset.UtcNow), header);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_are_signed_with_both_secrets_and_every_change_is_audited()
    {
        const string newSecret = "rotated-secret-0123456789";
        var url = Receiver.NewUrl(out var path);
        var webhook = await _admin.CreateWebhookAsync(url, ["ticket.changed"]);

        var rotated = await (await _admin.PostAsJsonAsync($"/api/v1/webhooks/{webhook}/secret", new { secret = newSecret }))
            .AssertJson(HttpStatusCode.OK);
        var overlapEnds = rotated.GetProperty("previous_secret_expires_at").GetDateTimeOffset();
        Assert.InRange(overlapEnds - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        var ticket = await _callTaker.CreateFireAsync();

        var delivery = (await Receiver.WaitForAsync(path, which: r => r.IsAbout(ticket.Str("id"))))[0];
        var eventId = delivery.Header("X-Bengkulu112-Event-Id");
        var header = delivery.Header(WebhookSignature.TimestampedHeader);
        Assert.True(WebhookSignature.Verify(header, newSecret, eventId, delivery.Body, DateTimeOffset.UtcNow));
        Assert.True(WebhookSignature.Verify(header, WebhookRequests.Secret, eventId, delivery.Body, DateTimeOffset.UtcNow));
        Assert.Equal(WebhookSignature.Sign(newSecret, delivery.Body), delivery.Header(WebhookSignature.Header));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/webhooks/{webhook}")).StatusCode);
        var audit = (await (await fixture.ClientAs("supervisor").GetAsync($"/api/v1/audit?subject=webhook:{webhook}"))
            .AssertJson(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["webhook.delete", "webhook.rotate_secret", "webhook.create"], audit.Select(e => e.Str("action")));
        Assert.All(audit, e => Assert.Equal("test-admin", e.Str("actor")));
        Assert.DoesNotContain(newSecret, string.Join(" ", audit.Select(e => e.GetRawText())));
    }

    [Fact]
    public async Task A_rotation_needs_a_valid_secret_and_an_existing_webhook()
    {
        var webhook = await _admin.CreateWebhookAsync(Receiver.NewUrl(out _), ["alert.raised"]);

        var tooShort = await _admin.PostAsJsonAsync($"/api/v1/webhooks/{webhook}/secret", new { secret = "short" });
        Assert.NotEmpty((await tooShort.AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("secret"));
        var missing = await _admin.PostAsJsonAsync($"/api/v1/webhooks/{webhook}/secret", new { });
        Assert.NotEmpty((await missing.AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("secret"));
        await (await _admin.PostAsJsonAsync($"/api/v1/webhooks/{Guid.NewGuid()}/secret", new { secret = "long-enough-secret-123" }))
            .AssertProblem(HttpStatusCode.NotFound);
        await (await fixture.ClientAs("supervisor").PostAsJsonAsync($"/api/v1/webhooks/{webhook}/secret",
            new { secret = "long-enough-secret-123" })).AssertProblem(HttpStatusCode.Forbidden);
    }
}
