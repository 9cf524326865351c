using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Webhooks;

/// <summary>The admin routes of webhooks: what they accept, answer and refuse.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhooksApiTests(WebhookFixture fixture)
{
    private readonly HttpClient _admin = fixture.ClientAs("admin");

    private static object Body(string url = "https://example.org/hook", string[]? events = null, string? opd = null,
        string secret = WebhookRequests.Secret) => new { url, events = events ?? ["ticket.changed"], opd, secret };

    [Fact]
    public async Task Creating_answers_201_without_the_secret_and_lists_the_webhook()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/webhooks",
            Body(events: ["ticket.changed", "alert.raised"], opd: "damkar"));

        var created = await response.AssertJson(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.Equal($"/api/v1/webhooks/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("https://example.org/hook", created.Str("url"));
        Assert.Equal(["ticket.changed", "alert.raised"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("damkar", created.Str("opd"));
        Assert.EndsWith("Z", created.Str("created_at"));
        Assert.False(created.TryGetProperty("secret", out _));

        var listed = await (await _admin.GetAsync("/api/v1/webhooks?limit=500")).AssertJson(HttpStatusCode.OK);
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray(), w => w.Str("id") == id);
        Assert.False(item.TryGetProperty("secret", out _));
        Assert.Empty(await _admin.DeliveriesAsync(id));
    }

    [Fact]
    public async Task The_list_is_paged_newest_first()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await _admin.CreateWebhookAsync($"https://example.org/paged/{i}", ["alert.raised"]));

        var first = await (await _admin.GetAsync("/api/v1/webhooks?limit=2")).AssertJson(HttpStatusCode.OK);
        var cursor = first.Str("next_cursor");
        var second = await (await _admin.GetAsync($"/api/v1/webhooks?limit=2&cursor={cursor}")).AssertJson(HttpStatusCode.OK);

        Assert.Equal([ids[2], ids[1]], first.GetProperty("items").EnumerateArray().Select(w => w.Str("id")));
        Assert.Equal(ids[0], second.GetProperty("items").EnumerateArray().First().Str("id"));
    }

    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_answers_the_first_webhook_and_another_body_gets_422()
    {
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Post(object body) => _admin.PostWithIdempotencyKeyAsync("/api/v1/webhooks", body, key);

        var first = await (await Post(Body())).AssertJson(HttpStatusCode.Created);
        var again = await (await Post(Body())).AssertJson(HttpStatusCode.Created);
        Assert.Equal(first.Str("id"), again.Str("id"));

        await (await Post(Body(url: "https://example.org/other"))).AssertProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("url", "ftp://example.org/hook", null, null, null)]
    [InlineData("url", "/relative/hook", null, null, null)]
    [InlineData("events", null, "", null, null)]
    [InlineData("events", null, "ticket.created", null, null)]
    [InlineData("events", null, "ticket.changed,ticket.changed", null, null)]
    [InlineData("opd", null, null, "nosuchopd", null)]
    [InlineData("opd", null, null, "Not A Code", null)]
    [InlineData("secret", null, null, null, "too-short")]
    public async Task Bad_fields_are_refused_with_400_naming_the_field(string field, string? url, string? events,
        string? opd, string? secret)
    {
        var body = Body(url ?? "https://example.org/hook",
            events is null ? null : events.Split(',', StringSplitOptions.RemoveEmptyEntries), opd,
            secret ?? WebhookRequests.Secret);

        var problem = await (await _admin.PostAsJsonAsync("/api/v1/webhooks", body)).AssertProblem(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Missing_fields_are_each_named()
    {
        var problem = await (await _admin.PostAsJsonAsync("/api/v1/webhooks", new { })).AssertProblem(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("url"));
        Assert.NotEmpty(problem.FieldErrors("events"));
        Assert.NotEmpty(problem.FieldErrors("secret"));
    }

    [Fact]
    public async Task A_secret_longer_than_256_characters_is_refused()
    {
        var problem = await (await _admin.PostAsJsonAsync("/api/v1/webhooks", Body(secret: new string('x', 257))))
            .AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("secret"));
    }

    [Theory]
    [InlineData("supervisor", null)]
    [InlineData("calltaker", null)]
    [InlineData("opd", "damkar")]
    public async Task Only_admins_may_manage_webhooks(string role, string? opd)
    {
        var id = await _admin.CreateWebhookAsync("https://example.org/admin-only", ["ticket.changed"]);
        var client = fixture.ClientAs(role, opd);

        await (await client.PostAsJsonAsync("/api/v1/webhooks", Body())).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.GetAsync("/api/v1/webhooks")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.DeleteAsync($"/api/v1/webhooks/{id}")).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.GetAsync($"/api/v1/webhooks/{id}/deliveries")).AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_webhooks_are_404()
    {
        await (await _admin.DeleteAsync($"/api/v1/webhooks/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync("/api/v1/webhooks/not-a-guid")).AssertProblem(HttpStatusCode.NotFound);
        await (await _admin.GetAsync($"/api/v1/webhooks/{Guid.NewGuid()}/deliveries")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_page_query_is_refused_naming_the_parameter()
    {
        var id = await _admin.CreateWebhookAsync("https://example.org/paging", ["ticket.changed"]);

        Assert.NotEmpty((await (await _admin.GetAsync("/api/v1/webhooks?limit=0")).AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("limit"));
        Assert.NotEmpty((await (await _admin.GetAsync($"/api/v1/webhooks/{id}/deliveries?cursor=abc")).AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("cursor"));
    }
}
