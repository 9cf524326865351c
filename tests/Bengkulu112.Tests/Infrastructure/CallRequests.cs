using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>Shortcuts for the call routes, so tests read as the steps of a call taker's work.</summary>
public static class CallRequests
{
    /// <summary>A fresh Indonesian mobile number in the local `0812…` form, so tests sharing a database do not meet.</summary>
    public static string NewNumber() => "0812" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>The E.164 form of a number made by <see cref="NewNumber"/>.</summary>
    public static string E164(string localNumber) => "+62" + localNumber[1..];

    public static async Task<JsonElement> RecordCall(this HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/calls", body)).AssertJson(HttpStatusCode.Created);

    public static Task<JsonElement> RecordCall(this HttpClient client, string number) =>
        client.RecordCall(new { caller_number = number });

    public static Task<HttpResponseMessage> Classify(this HttpClient client, string callId, object body) =>
        client.PostAsJsonAsync($"/api/v1/calls/{callId}/classify", body);

    public static async Task<JsonElement> ClassifyAs(this HttpClient client, string callId, string classification) =>
        await (await client.Classify(callId, new { classification })).AssertJson(HttpStatusCode.OK);

    public static string Id(this JsonElement call) => call.GetProperty("id").GetString()!;

    /// <summary>Classifying with <paramref name="body"/> is refused naming each of <paramref name="fields"/>, and changes nothing.</summary>
    public static async Task AssertClassifyRefused(this HttpClient client, string callId, object body, params string[] fields)
    {
        var problem = await (await client.Classify(callId, body)).AssertProblem(HttpStatusCode.BadRequest);
        foreach (var field in fields)
            Assert.NotEmpty(problem.FieldErrors(field));
        var read = await (await client.GetAsync($"/api/v1/calls/{callId}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("classification").ValueKind);
    }
}
