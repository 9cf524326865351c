using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bengkulu112.Api.Interop.Conveyance;

/// <summary>
/// The NENA-STA-024 messages of the EIDO WebSocket, each a JSON object with one member naming it
/// (`{"subscribe": {…}}`). Parsing is pure and total: any input gives a request or a refusal with its status code.
/// </summary>
public static class ConveyanceMessages
{
    public const string SubProtocol = "emergency-ent1.0";
    public const int MaxMessageBytes = 65_536;
    public const string RequestTypeEido = "EIDO";
    public const string SubTypeNew = "new";
    public const string SubTypeSingle = "single";

    /// <summary>The status codes a `subscribeResponse`/`unsubscribeResponse` carries.</summary>
    public static class Status
    {
        public const int Ok = 200;
        public const int BadRequest = 400;
        public const int NotFound = 404;
        public const int TooLarge = 413;
        public const int ServerError = 500;
    }

    public static JsonObject SubscribeResponse(string? transactionId, int status, string text, string? subscriptionId = null)
    {
        var body = new JsonObject();
        if (transactionId is not null)
            body["transactionId"] = transactionId;
        if (subscriptionId is not null)
            body["subscriptionId"] = subscriptionId;
        body["statusCode"] = status;
        body["statusText"] = text;
        return new JsonObject { ["subscribeResponse"] = body };
    }

    public static JsonObject UnsubscribeResponse(string transactionId, string subscriptionId, int status, string text) => new()
    {
        ["unsubscribeResponse"] = new JsonObject
        {
            ["transactionId"] = transactionId, ["subscriptionId"] = subscriptionId, ["statusCode"] = status, ["statusText"] = text,
        },
    };

    public static JsonObject Event(string subscriptionId, string transactionId, IEnumerable<JsonObject> eidos) => new()
    {
        ["event"] = new JsonObject
        {
            ["subscriptionId"] = subscriptionId,
            ["transactionId"] = transactionId,
            ["notification"] = new JsonArray([.. eidos]),
        },
    };

    public static JsonObject Terminate(string subscriptionId, string transactionId, string reason) => new()
    {
        ["terminate"] = new JsonObject { ["subscriptionId"] = subscriptionId, ["transactionId"] = transactionId, ["reason"] = reason },
    };

    /// <summary>Reads one client message: a request, or the response that refuses it.</summary>
    public static ClientMessage Parse(ReadOnlySpan<byte> utf8)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8);
        }
        catch (JsonException)
        {
            return Refuse(null, "the message is not JSON");
        }
        if (node is not JsonObject message || message.Count != 1)
            return Refuse(null, "a message is a JSON object with exactly one member: subscribe, unsubscribe or eventResponse");
        var (name, value) = message.First();
        if (value is not JsonObject body)
            return Refuse(null, $"{name} must be an object");
        var transactionId = Text(body, "transactionId");
        switch (name)
        {
            case "subscribe":
                if (transactionId is null)
                    return Refuse(null, "subscribe.transactionId is required (a non-empty string)");
                var type = Text(body, "requestType");
                if (type != RequestTypeEido)
                    return Refuse(transactionId, $"subscribe.requestType must be \"{RequestTypeEido}\"");
                var subType = Text(body, "requestSubType");
                if (subType is not (SubTypeNew or SubTypeSingle))
                    return Refuse(transactionId, $"subscribe.requestSubType must be \"{SubTypeNew}\" or \"{SubTypeSingle}\"");
                var incident = Text(body, "incidentId");
                if (subType == SubTypeSingle && incident is null)
                    return Refuse(transactionId, "subscribe.incidentId is required for requestSubType \"single\"");
                if (subType == SubTypeNew && body.ContainsKey("incidentId"))
                    return Refuse(transactionId, "subscribe.incidentId is only for requestSubType \"single\"");
                return new SubscribeRequest(transactionId, subType, incident);
            case "unsubscribe":
                var subscription = Text(body, "subscriptionId");
                if (transactionId is null || subscription is null)
                    return Refuse(transactionId, "unsubscribe needs transactionId and subscriptionId (non-empty strings)");
                return new UnsubscribeRequest(transactionId, subscription);
            case "eventResponse":
                if (transactionId is null || body["statusCode"] is not JsonValue code || !code.TryGetValue<int>(out var status))
                    return Refuse(transactionId, "eventResponse needs transactionId (a string) and statusCode (a number)");
                return new EventResponse(transactionId, status);
            default:
                return Refuse(transactionId, $"unknown message \"{name}\": expected subscribe, unsubscribe or eventResponse");
        }
    }

    private static Refusal Refuse(string? transactionId, string why) => new(transactionId, Status.BadRequest, why);

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 200 ? text : null;
}

public abstract record ClientMessage;

public sealed record SubscribeRequest(string TransactionId, string SubType, string? IncidentId) : ClientMessage;

public sealed record UnsubscribeRequest(string TransactionId, string SubscriptionId) : ClientMessage;

public sealed record EventResponse(string TransactionId, int StatusCode) : ClientMessage;

public sealed record Refusal(string? TransactionId, int StatusCode, string Text) : ClientMessage;
