using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>Short ways to drive tickets over HTTP in tests.</summary>
public static class TicketRequests
{
    public static object FireBody(string description = "Rumah terbakar di Jl. Suprapto") => new
    {
        category = "fire",
        description,
        location = new { address = "Jl. Suprapto No. 12", kelurahan = "Pasar Baru", kecamatan = "Teluk Segara", lat = -3.7928, lon = 102.2608 },
    };

    public static async Task<JsonElement> CreateAsync(this HttpClient client, object body) =>
        await (await client.PostAsJsonAsync("/api/v1/tickets", body)).AssertJson(HttpStatusCode.Created);

    public static Task<JsonElement> CreateFireAsync(this HttpClient client) => client.CreateAsync(FireBody());

    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, JsonElement ticket, string command, object? body = null) =>
        client.CommandAsync(ticket.Id(), command, body);

    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, string id, string command, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/tickets/{id}/{command}", body ?? new { });

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> response) =>
        await (await response).AssertJson(HttpStatusCode.OK);

    public static string Id(this JsonElement ticket) => ticket.GetProperty("id").GetString()!;

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static int Version(this JsonElement ticket) => ticket.GetProperty("version").GetInt32();
}
