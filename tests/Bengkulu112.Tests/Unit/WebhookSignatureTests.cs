using System.Text;
using Bengkulu112.Webhooks;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>The timestamped signature as a receiver checks it (the example of docs/security.md).</summary>
public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"ticket_id":"t-1","status":"escalated"}""");
    private const string EventId = "ticket.changed:42";

    [Fact]
    public void A_fresh_delivery_verifies()
    {
        var header = WebhookSignature.SignTimestamped(["secret-one-0123456789"], At, EventId, Body);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify(header, "secret-one-0123456789", EventId, Body, At.AddMinutes(4)));
    }

    [Fact]
    public void The_signature_follows_the_documented_recipe()
    {
        // HMAC-SHA256(secret, "<t>.<event id>.<body>") in lower-case hex: what any receiver can compute by hand.
        var header = WebhookSignature.SignTimestamped(["k"], DateTimeOffset.FromUnixTimeSeconds(1764748800), "e:1", "{}"u8);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "k"u8, "1764748800.e:1.{}"u8));
        Assert.Equal($"t=1764748800,v1={expected}", header);
    }

    [Fact]
    public void A_replay_after_the_tolerance_is_refused() =>
        Assert.False(WebhookSignature.Verify(WebhookSignature.SignTimestamped(["s-0123456789abcdef"], At, EventId, Body),
            "s-0123456789abcdef", EventId, Body, At.AddMinutes(6)));

    [Fact]
    public void Another_event_id_or_a_changed_body_does_not_verify()
    {
        var header = WebhookSignature.SignTimestamped(["s-0123456789abcdef"], At, EventId, Body);
        Assert.False(WebhookSignature.Verify(header, "s-0123456789abcdef", "ticket.changed:43", Body, At));
        Assert.False(WebhookSignature.Verify(header, "s-0123456789abcdef", EventId, [.. Body, (byte)' '], At));
        Assert.False(WebhookSignature.Verify(header, "another-secret-0123", EventId, Body, At));
    }

    [Fact]
    public void During_a_rotation_both_secrets_verify()
    {
        var header = WebhookSignature.SignTimestamped(["new-secret-0123456789", "old-secret-0123456789"], At, EventId, Body);
        Assert.Equal(2, header.Split(",v1=").Length - 1);
        Assert.True(WebhookSignature.Verify(header, "new-secret-0123456789", EventId, Body, At));
        Assert.True(WebhookSignature.Verify(header, "old-secret-0123456789", EventId, Body, At));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1=abc")]
    [InlineData("t=,v1=abc")]
    [InlineData("t=99999999999999999999,v1=abc")]
    [InlineData("garbage")]
    public void A_malformed_header_does_not_verify(string header) =>
        Assert.False(WebhookSignature.Verify(header, "s-0123456789abcdef", EventId, Body, At));

    [Fact]
    public void The_previous_secret_stops_signing_when_the_overlap_ends()
    {
        var webhook = new WebhookSubscription(Guid.NewGuid(), "https://example.org/hook", ["ticket.changed"], null,
            "new-secret-0123456789", "fp", At, false, 0, 0, "old-secret-0123456789", At.AddHours(24));
        Assert.Equal(["new-secret-0123456789", "old-secret-0123456789"], webhook.LiveSecrets(At.AddHours(23)));
        Assert.Equal(["new-secret-0123456789"], webhook.LiveSecrets(At.AddHours(24)));
    }
}
