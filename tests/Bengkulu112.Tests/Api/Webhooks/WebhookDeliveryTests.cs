using System.Diagnostics;
using System.Net;
using Bengkulu112.Feeds;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api.Webhooks;

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookFixture>
{
    public const string Name = "webhooks";
}

/// <summary>Deliveries as a receiver sees them: signed, retried, in order, filtered, and never in a ticket's way.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookDeliveryTests(WebhookFixture fixture)
{
    private readonly HttpClient _admin = fixture.ClientAs("admin");
    private readonly HttpClient _callTaker = fixture.ClientAs("calltaker");
    private WebhookReceiver Receiver => fixture.Receiver;

    [Fact]
    public async Task A_ticket_change_is_delivered_signed_with_its_event_id()
    {
        var url = Receiver.NewUrl(out var path);
        await _admin.CreateWebhookAsync(url, ["ticket.changed"]);

        var ticket = await _callTaker.CreateFireAsync();

        var delivery = (await Receiver.WaitForAsync(path, which: r => r.IsAbout(ticket.Str("id"))))[0];
        Assert.Equal(WebhookRequests.ExpectedSignature(delivery.Body), delivery.Header("X-Bengkulu112-Signature"));
        Assert.Matches("^ticket\\.changed:[0-9]+$", delivery.Header("X-Bengkulu112-Event-Id"));
        Assert.Equal("ticket.changed", delivery.Header("X-Bengkulu112-Event"));
        Assert.StartsWith("application/json", delivery.Header("Content-Type"));
        var body = delivery.Json();
        Assert.Equal(ticket.Str("number"), body.Str("number"));
        Assert.Equal("open", body.Str("status"));
        Assert.Equal("damkar", body.Str("opd"));
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.EndsWith("Z", body.Str("at"));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_and_both_attempts_are_logged()
    {
        var url = Receiver.NewUrl(out var path);
        Receiver.Script(path, 500);
        var webhook = await _admin.CreateWebhookAsync(url, ["ticket.changed"]);

        var ticket = await _callTaker.CreateFireAsync();

        var received = await Receiver.WaitForAsync(path, 2, r => r.IsAbout(ticket.Str("id")));
        Assert.Equal([500, 200], received.Select(r => r.Answered));
        Assert.Equal(received[0].Header("X-Bengkulu112-Event-Id"), received[1].Header("X-Bengkulu112-Event-Id"));
        var log = await Cluster.Eventually.Within(TimeSpan.FromSeconds(10), () => _admin.DeliveriesAsync(webhook),
            d => d.Any(a => a.GetProperty("delivered").GetBoolean()));
        // Newest first.
        Assert.Equal([200, 500], log.Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal([2, 1], log.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal([true, false], log.Select(a => a.GetProperty("delivered").GetBoolean()));
        Assert.All(log, a => Assert.Equal(received[0].Header("X-Bengkulu112-Event-Id"), a.Str("event_id")));
        Assert.Equal("ticket.changed", log[0].Str("event_type"));
    }

    [Fact]
    public async Task Deliveries_keep_the_order_of_the_changes_even_when_some_fail()
    {
        var url = Receiver.NewUrl(out var path);
        Receiver.Script(path, 500, 200, 503, 200, 500);
        await _admin.CreateWebhookAsync(url, ["ticket.changed"]);

        var ticket = await _callTaker.CreateFireAsync();
        await _callTaker.CommandAsync(ticket, "escalate").OkAsync();
        await fixture.ClientAs("opd", "damkar").CommandAsync(ticket, "acknowledge").OkAsync();
        await fixture.ClientAs("opd", "damkar").CommandAsync(ticket, "on-scene").OkAsync();

        var received = await Receiver.WaitForAsync(path, 4, r => r.IsAbout(ticket.Str("id")) && r.Answered == 200);
        Assert.Equal([1, 2, 3, 4], received.Select(r => r.Json().GetProperty("version").GetInt32()));
        Assert.Equal(["open", "escalated", "acknowledged", "on_scene"], received.Select(r => r.Json().Str("status")));
        var all = Receiver.To(path).Select(r => r.Json().GetProperty("version").GetInt32()).ToList();
        Assert.Equal(all.Order(), all); // a later change is never attempted before an earlier one is through
    }

    [Fact]
    public async Task An_opd_webhook_hears_only_tickets_that_concern_that_opd()
    {
        var dinkesUrl = Receiver.NewUrl(out var dinkes);
        var pmiUrl = Receiver.NewUrl(out var pmi);
        await _admin.CreateWebhookAsync(dinkesUrl, ["ticket.changed"], opd: "dinkes");
        await _admin.CreateWebhookAsync(pmiUrl, ["ticket.changed"], opd: "pmi");

        var fire = await _callTaker.CreateFireAsync(); // damkar, supported by dinkes
        var forPmi = await _callTaker.CreateAsync(new
        {
            category = "fire", description = "Kebakaran dekat gudang darah", opd = "pmi",
            location = new { address = "Jl. Veteran No. 3" },
        });

        await Receiver.WaitForAsync(dinkes, 2);
        var pmiReceived = await Receiver.WaitForAsync(pmi, 1);
        Assert.True(pmiReceived[0].IsAbout(forPmi.Str("id")));
        Assert.DoesNotContain(Receiver.To(pmi), r => r.IsAbout(fire.Str("id")));
        Assert.Contains(Receiver.To(dinkes), r => r.IsAbout(fire.Str("id")));
    }

    [Fact]
    public async Task A_raised_alert_is_delivered_as_the_alert()
    {
        var url = Receiver.NewUrl(out var path);
        var webhook = await _admin.CreateWebhookAsync(url, ["alert.raised"]);
        var ticket = await _callTaker.CreateFireAsync();

        var alertId = await InsertAlertAsync(ticket.Str("id"), ticket.Str("number"));

        var delivery = (await Receiver.WaitForAsync(path))[0];
        Assert.Equal($"alert.raised:{alertId}", delivery.Header("X-Bengkulu112-Event-Id"));
        Assert.Equal("alert.raised", delivery.Header("X-Bengkulu112-Event"));
        Assert.Equal(WebhookRequests.ExpectedSignature(delivery.Body), delivery.Header("X-Bengkulu112-Signature"));
        var alert = delivery.Json();
        Assert.Equal(alertId, alert.GetProperty("id").GetInt64());
        Assert.Equal("sla.breached", alert.Str("kind"));
        Assert.Equal(ticket.Str("id"), alert.Str("ticket_id"));
        Assert.Equal(ticket.Str("number"), alert.Str("ticket_number"));
        Assert.Equal("damkar", alert.Str("opd"));
        Assert.Equal("acknowledge", alert.Str("deadline"));
        Assert.Equal("2026-11-28T21:40:11Z", alert.Str("due_at"));
        Assert.EndsWith("Z", alert.Str("raised_at"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, alert.GetProperty("acknowledged_at").ValueKind);
        // The very alert supervisors read (GET /alerts, and the same record on GET /stream/alerts): every field, in order.
        var listed = (await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/alerts?status=open&limit=500"))
                .AssertJson(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("id").GetInt64() == alertId);
        Assert.Equal(listed.EnumerateObject().Select(p => (p.Name, p.Value.ToString())),
            alert.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
        // It subscribed to alerts only: the ticket's own change was not sent.
        Assert.Single(Receiver.To(path));
        Assert.Single(await _admin.DeliveriesAsync(webhook));
    }

    [Fact]
    public async Task A_dead_receiver_delays_neither_ticket_commands_nor_other_webhooks()
    {
        var hangingUrl = Receiver.NewUrl(out var hanging);
        Receiver.Hang(hanging);
        await _admin.CreateWebhookAsync(hangingUrl, ["ticket.changed"]);
        await _admin.CreateWebhookAsync(ClosedPortUrl(), ["ticket.changed"]);
        var healthyUrl = Receiver.NewUrl(out var healthy);
        await _admin.CreateWebhookAsync(healthyUrl, ["ticket.changed"]);

        var ticket = await _callTaker.CreateFireAsync();
        // The hanging webhook is now inside its first attempt.
        await Cluster.Eventually.Within(TimeSpan.FromSeconds(10), () => Task.FromResult(Receiver.HeldAt(hanging)), held => held >= 1);
        var watch = Stopwatch.StartNew();
        await _callTaker.CommandAsync(ticket, "escalate").OkAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"escalate took {watch.Elapsed}");

        var healthyReceived = await Receiver.WaitForAsync(healthy, 2, r => r.IsAbout(ticket.Str("id")), seconds: 4);
        Assert.Equal(["open", "escalated"], healthyReceived.Select(r => r.Json().Str("status")));
    }

    [Fact]
    public async Task Deleting_a_webhook_stops_its_deliveries()
    {
        var url = Receiver.NewUrl(out var path);
        var webhook = await _admin.CreateWebhookAsync(url, ["ticket.changed"]);
        var first = await _callTaker.CreateFireAsync();
        await Receiver.WaitForAsync(path, which: r => r.IsAbout(first.Str("id")));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/v1/webhooks/{webhook}")).StatusCode);
        // A webhook created after the deletion witnesses when the next change has been delivered.
        var witness = Receiver.NewUrl(out var witnessPath);
        await _admin.CreateWebhookAsync(witness, ["ticket.changed"]);
        var second = await _callTaker.CreateFireAsync();
        await Receiver.WaitForAsync(witnessPath, which: r => r.IsAbout(second.Str("id")));

        Assert.DoesNotContain(Receiver.To(path), r => r.IsAbout(second.Str("id")));
        await (await _admin.DeleteAsync($"/api/v1/webhooks/{webhook}")).AssertProblem(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/webhooks/{webhook}/deliveries")).AssertProblem(HttpStatusCode.NotFound);
        var listed = await (await _admin.GetAsync("/api/v1/webhooks?limit=500")).AssertJson(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), w => w.Str("id") == webhook);
    }

    /// <summary>Inserts an alert the way the alert writer does: under the feed lock, so ids become visible in order.</summary>
    private async Task<long> InsertAlertAsync(string ticketId, string number)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await FeedLocks.TakeAsync(connection, transaction, FeedLocks.Alerts);
        await using var command = new NpgsqlCommand("""
            INSERT INTO alerts (dedupe_key, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at)
            VALUES ($1, 'sla.breached', $2, $3, 'damkar', 'acknowledge', '2026-11-28T21:40:11Z', now())
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue($"test:{ticketId}");
        command.Parameters.AddWithValue(Guid.Parse(ticketId));
        command.Parameters.AddWithValue(number);
        var id = (long)(await command.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        return id;
    }

    private static string ClosedPortUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/gone";
    }
}
