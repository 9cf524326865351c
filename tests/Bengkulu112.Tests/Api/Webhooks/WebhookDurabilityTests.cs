using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Cluster;
using Xunit;

namespace Bengkulu112.Tests.Api.Webhooks;

/// <summary>Deliveries across a full cluster restart (own fixture: the restart would disturb the other webhook tests).</summary>
public sealed class WebhookDurabilityTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task A_pending_delivery_resumes_after_a_full_cluster_restart()
    {
        var admin = fixture.ClientAs("admin");
        var url = fixture.Receiver.NewUrl(out var path);
        fixture.Receiver.AlwaysAnswer(path, 503);
        var webhook = await admin.CreateWebhookAsync(url, ["ticket.changed"]);
        var ticket = await fixture.ClientAs("calltaker").CreateFireAsync();
        await fixture.Receiver.WaitForAsync(path, 2, r => r.IsAbout(ticket.Id()));

        await fixture.Silos.RestartAllAsync(fixture.ConnectionString, WebhookFixture.FastWebhooks);
        var failedBefore = fixture.Receiver.To(path).Count;
        fixture.Receiver.Heal(path);

        // Nothing calls the webhook grain after the restart: its reminder brings it back.
        var delivered = await fixture.Receiver.WaitForAsync(path, 1, r => r.IsAbout(ticket.Id()) && r.Answered == 200, seconds: 60);
        Assert.Single(delivered);
        var log = await Eventually.Within(TimeSpan.FromSeconds(30), () => admin.DeliveriesAsync(webhook),
            d => d.Length > 0 && d[0].GetProperty("delivered").GetBoolean());
        Assert.True(log[0].GetProperty("attempt").GetInt32() > failedBefore - 1,
            "attempts go on counting from before the restart");

        // And new changes flow again.
        var next = await Eventually.Within(TimeSpan.FromSeconds(60),
            async () => await fixture.ClientAs("calltaker").CreateFireAsync(), _ => true);
        await fixture.Receiver.WaitForAsync(path, 1, r => r.IsAbout(next.Id()) && r.Answered == 200);
    }
}
