using System.Net;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>`GET /tickets`: the PostgreSQL read model, its filters and cursor paging.</summary>
public sealed class TicketListTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    private async Task<List<JsonElement>> Items(string query) =>
        (await Supervisor.GetAsync("/api/v1/tickets" + query).OkAsync()).GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task A_change_is_in_the_list_as_soon_as_the_command_answers()
    {
        var ticket = await CallTaker.CreateAsync(new { category = "animal", description = "Ular kobra masuk rumah warga", location = new { address = "Jl. Kinibalu" } });
        var listed = Assert.Single(await Items("?q=kobra"));
        Assert.Equal("open", listed.Str("status"));
        Assert.Equal(ticket.Str("number"), listed.Str("number"));
        Assert.Equal("P2", listed.Str("priority"));

        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        var escalated = Assert.Single(await Items("?q=kobra&status=escalated"));
        Assert.Equal(2, escalated.Version());
        Assert.NotEqual(JsonValueKind.Null, escalated.GetProperty("next_deadline").ValueKind);
        Assert.Empty(await Items("?q=kobra&status=open"));
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tree = await CallTaker.CreateAsync(new { category = "fallen_tree", description = $"Pohon tumbang {tag}", location = new { address = "Jl. Hibrida" } });
        var fire = await CallTaker.CreateAsync(new { category = "fire", description = $"Kebakaran {tag}", location = new { address = "Jl. Hibrida" } });
        await CallTaker.CommandAsync(fire, "escalate").OkAsync();

        Assert.Equal([tree.Id()], (await Items($"?q={tag}&category=fallen_tree")).Select(t => t.Id()));
        Assert.Equal([fire.Id()], (await Items($"?q={tag}&priority=P1")).Select(t => t.Id()));
        Assert.Equal([tree.Id()], (await Items($"?q={tag}&opd=dlh")).Select(t => t.Id())); // supporting OPD
        Assert.Equal([fire.Id()], (await Items($"?q={tag}&status=escalated,resolved")).Select(t => t.Id()));
        Assert.Equal(2, (await Items($"?q={tag}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O"))}")).Count);
        Assert.Empty(await Items($"?q={tag}&to=2020-01-01T00:00:00Z"));
        Assert.Equal(2, (await Items($"?q={tree.Str("number")[..8]}&q={tag}")).Count);
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_gaps_or_repeats()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
            created.Add((await CallTaker.CreateAsync(new { category = "wasp_nest", description = $"Sarang tawon {tag} {i}", location = new { address = "Jl. Merapi" } })).Id());

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Supervisor.GetAsync($"/api/v1/tickets?q={tag}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}")).OkAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Id()));
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(created), seen);
    }

    [Theory]
    [InlineData("?status=burning", "status")]
    [InlineData("?category=volcano", "category")]
    [InlineData("?priority=P7", "priority")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?cursor=bm9wZQ", "cursor")]
    public async Task Bad_query_parameters_are_a_400_naming_them(string query, string field)
    {
        var problem = await (await Supervisor.GetAsync("/api/v1/tickets" + query)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
