using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bengkulu112.Tests.Api.Feeds;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Interop;

/// <summary>`GET /eido/ws`: the NENA-STA-024 subscribe/notify exchange of EIDOs, end to end over a real socket.</summary>
public sealed class EidoConveyanceTests(FeedsApiFixture fixture) : IClassFixture<FeedsApiFixture>
{
    /// <summary>How long the unsubscribed socket is watched after a subscribed one was notified.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Damkar => fixture.ClientAs("opd", "damkar");
    private Uri Base => fixture.ClientAs(null).BaseAddress!;

    private Task<EidoSocket> Connect(string role, string? opd = null, long? lastEventId = null) =>
        EidoSocket.ConnectAsync(Base, fixture.Tokens.For(role, opd), lastEventId);

    private static long EventId(JsonObject @event) =>
        long.Parse(@event["transactionId"]!.GetValue<string>().Split('-')[0]);

    [Fact]
    public async Task New_sends_the_open_incidents_at_once_then_each_change_until_unsubscribed()
    {
        var open = await CallTaker.CreateFireAsync();
        await using var socket = await Connect("supervisor");

        var subscription = await socket.SubscribeAsync("new");

        var (snapshot, first) = await socket.EventAboutAsync(open.Str("number"), "open");
        Assert.StartsWith("snapshot", snapshot["transactionId"]!.GetValue<string>());
        Assert.Equal(subscription, snapshot["subscriptionId"]!.GetValue<string>());
        EidoConformance.AssertConforms(first.ToJsonString());

        await CallTaker.CommandAsync(open, "escalate").OkAsync();
        var (change, escalated) = await socket.EventAboutAsync(open.Str("number"), "escalated");
        Assert.Equal(subscription, change["subscriptionId"]!.GetValue<string>());
        Assert.EndsWith("-" + subscription, change["transactionId"]!.GetValue<string>());
        Assert.Equal("Dispatched", escalated["incidentComponent"]!["incidentStatusCommonRegistryText"]![0]!.GetValue<string>());
        EidoConformance.AssertConforms(escalated.ToJsonString());

        var transaction = socket.NextTransaction();
        await socket.SendAsync(new JsonObject { ["unsubscribe"] = new JsonObject { ["subscriptionId"] = subscription, ["transactionId"] = transaction } });
        var response = await socket.ExpectAsync("unsubscribeResponse");
        Assert.Equal((200, transaction), (response["statusCode"]!.GetValue<int>(), response["transactionId"]!.GetValue<string>()));
        // A socket still subscribed is notified of the next change: once it is, the unsubscribed one would have been too.
        await using var witness = await Connect("supervisor");
        await witness.SubscribeAsync("new");
        var after = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(after, "escalate").OkAsync();
        await witness.EventAboutAsync(after.Str("number"), "escalated"); // a live change, never part of a snapshot
        await socket.AssertQuietFor(Quiet);
    }

    [Fact]
    public async Task A_reconnect_with_the_last_event_id_gets_exactly_the_changes_missed()
    {
        var ticket = await CallTaker.CreateFireAsync();
        long seen;
        await using (var socket = await Connect("supervisor"))
        {
            await socket.SubscribeAsync("new");
            await socket.EventAboutAsync(ticket.Str("number"), "open");
            await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
            var (change, _) = await socket.EventAboutAsync(ticket.Str("number"), "escalated");
            seen = EventId(change);
        }

        await Damkar.CommandAsync(ticket, "acknowledge").OkAsync();
        var other = await CallTaker.CreateFireAsync();

        await using (var socket = await Connect("supervisor", lastEventId: seen))
        {
            await socket.SubscribeAsync("new");
            var first = await socket.NextEventAsync();
            var second = await socket.NextEventAsync();
            Assert.True(EventId(first) > seen && EventId(second) > EventId(first));
            Assert.Equal((ticket.Str("number"), "acknowledged"), About(first));
            Assert.Equal((other.Str("number"), "open"), About(second));
            var marker = await CallTaker.CreateFireAsync(); // nothing more (no repeat) comes before a change made now
            Assert.Equal((marker.Str("number"), "open"), About(await socket.NextEventAsync()));
        }
    }

    private static (string Number, string Status) About(JsonObject @event)
    {
        var incident = @event["notification"]!.AsArray().Single()!["incidentComponent"]!;
        return (incident["internalIncidentId"]!.GetValue<string>(), incident["incidentStatusInternalText"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Single_sends_that_incident_at_once_and_then_only_its_changes()
    {
        var watched = await CallTaker.CreateFireAsync();
        var ignored = await CallTaker.CreateFireAsync();
        await using var socket = await Connect("calltaker");
        var eidoId = $"urn:emergency:uid:incidentid:{Guid.Parse(watched.Str("id")):N}:112.bengkulukota.go.id";

        await socket.SubscribeAsync("single", eidoId);
        Assert.Equal((watched.Str("number"), "open"), About(await socket.NextEventAsync()));

        await CallTaker.CommandAsync(ignored, "escalate").OkAsync();
        await CallTaker.CommandAsync(watched, "escalate").OkAsync();
        Assert.Equal((watched.Str("number"), "escalated"), About(await socket.NextEventAsync()));

        var transaction = socket.NextTransaction();
        await socket.SendAsync(new JsonObject
        {
            ["subscribe"] = new JsonObject
            {
                ["requestType"] = "EIDO", ["requestSubType"] = "single", ["transactionId"] = transaction, ["incidentId"] = Guid.NewGuid().ToString(),
            },
        });
        var refused = await socket.ExpectAsync("subscribeResponse");
        Assert.Equal((404, transaction), (refused["statusCode"]!.GetValue<int>(), refused["transactionId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_OPD_user_hears_only_of_its_own_incidents_and_never_a_number()
    {
        await using var socket = await Connect("opd", "bpbd");
        await socket.SubscribeAsync("new");

        var fire = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(fire, "escalate").OkAsync();
        var number = CallRequests.NewNumber();
        var call = await CallTaker.RecordCall(new { caller_number = number });
        var classified = await (await CallTaker.Classify(call.GetProperty("id").GetString()!, new
        {
            classification = "emergency",
            ticket = new { category = "fallen_tree", description = "Pohon tumbang", location = new { address = "Jl. Pariwisata" } },
        })).AssertJson(HttpStatusCode.OK);
        var own = await CallTaker.CommandAsync(classified.Str("ticket_id"), "escalate").OkAsync();

        while (true)
        {
            var @event = await socket.NextEventAsync();
            var text = @event.ToJsonString();
            Assert.DoesNotContain(fire.Str("number"), text);
            Assert.DoesNotContain("\"damkar.bengkulukota.go.id\"", text);
            // The number in any of its forms contains its digits after the leading 0 (a pattern for phone numbers in
            // general would also match digit runs inside random ids).
            Assert.DoesNotContain(number[1..], text);
            if (About(@event) == (own.Str("number"), "escalated"))
                break;
        }
    }

    [Fact]
    public async Task Malformed_and_oversized_messages_get_a_400_class_response_and_the_connection_stays()
    {
        await using var socket = await Connect("supervisor");

        async Task<JsonObject> Refused(int status)
        {
            var response = await socket.ExpectAsync("subscribeResponse");
            Assert.True(response["statusCode"]!.GetValue<int>() == status, response.ToJsonString());
            Assert.False(string.IsNullOrEmpty(response["statusText"]!.GetValue<string>()));
            return response;
        }

        await socket.SendTextAsync("this is not json");
        await Refused(400);
        await socket.SendTextAsync("[1, 2]");
        await Refused(400);
        await socket.SendTextAsync("""{"subscribe": {"requestType": "ALERT", "requestSubType": "new", "transactionId": "t-9"}}""");
        Assert.Equal("t-9", (await Refused(400))["transactionId"]!.GetValue<string>());
        await socket.SendTextAsync("""{"subscribe": {"requestType": "EIDO", "requestSubType": "single", "transactionId": "t-10"}}""");
        Assert.Equal("t-10", (await Refused(400))["transactionId"]!.GetValue<string>());
        await socket.SendTextAsync("""{"subscribe": {"requestType": "EIDO", "requestSubType": "new"}}""");
        await Refused(400);
        await socket.SendTextAsync("""{"unsubscribe": {"subscriptionId": "nope", "transactionId": "t-11"}}""");
        Assert.Equal(404, (await socket.ExpectAsync("unsubscribeResponse"))["statusCode"]!.GetValue<int>());
        await socket.SendBinaryAsync([1, 2, 3]);
        await Refused(400);
        await socket.SendTextAsync("{\"subscribe\": {\"transactionId\": \"" + new string('x', 70_000) + "\"}}");
        await Refused(413);
        await socket.SendTextAsync(new string(' ', 65_536 - 2) + "{}");
        await Refused(400); // exactly 65,536 bytes is read (and refused for what it says, not for its size)

        await socket.SubscribeAsync("new");
        Assert.Equal(WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task Signing_out_ends_the_socket_with_terminate()
    {
        var person = await Infrastructure.Accounts.SignedInAsync(fixture.Api, "supervisor");
        await using var socket = await EidoSocket.ConnectAsync(Base, person.AccessToken);
        var subscription = await socket.SubscribeAsync("new");

        Assert.Equal(HttpStatusCode.NoContent, (await person.Client.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        JsonObject? message;
        do
            message = await socket.NextAsync();
        while (message is not null && message.ContainsKey("event"));
        Assert.NotNull(message);
        var terminate = message!["terminate"]!.AsObject();
        Assert.Equal(subscription, terminate["subscriptionId"]!.GetValue<string>());
        Assert.Equal("session ended", terminate["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_session_ends_with_terminate_when_its_token_expires()
    {
        var token = fixture.Tokens.For("supervisor", lifetime: TimeSpan.FromSeconds(3));
        await using var socket = await EidoSocket.ConnectAsync(Base, token);
        var subscription = await socket.SubscribeAsync("new");

        JsonObject? message;
        do
            message = await socket.NextAsync();
        while (message is not null && message.ContainsKey("event"));

        Assert.NotNull(message);
        var terminate = message!["terminate"]!.AsObject();
        Assert.Equal(subscription, terminate["subscriptionId"]!.GetValue<string>());
        Assert.Equal("access token expired", terminate["reason"]!.GetValue<string>());
        Assert.Null(await socket.NextAsync());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.Socket.CloseStatus);
    }

    [Fact]
    public async Task Browsers_sign_in_with_the_access_token_parameter_and_the_upgrade_needs_the_subprotocol()
    {
        await using (var socket = await EidoSocket.ConnectAsync(Base, fixture.Tokens.For("opd", "damkar"), inQuery: true))
            await socket.SubscribeAsync("new");

        await Assert.ThrowsAsync<WebSocketException>(() => EidoSocket.ConnectAsync(Base, null));
        await Assert.ThrowsAsync<WebSocketException>(() => EidoSocket.ConnectAsync(Base, fixture.Tokens.For("supervisor"), subProtocol: null));
        var plain = await fixture.ClientAs("supervisor").GetAsync("/api/v1/eido/ws");
        await plain.AssertProblem(HttpStatusCode.BadRequest);
        var query = await fixture.ClientAs(null).GetAsync("/api/v1/tickets?access_token=" + fixture.Tokens.For("supervisor"));
        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode); // only the socket reads a token from the query
    }
}
