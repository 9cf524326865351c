using System.Net;
using System.Text.Json;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Tickets;

/// <summary>`GET /tickets/suggestions`: the open ticket a second caller is talking about (API.md).</summary>
public sealed class TicketSuggestionTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");

    private static object At(string category, string description, double? lat, double? lon) => new
    {
        category,
        description,
        location = new { address = "Jl. Suprapto", lat, lon },
    };

    private async Task<List<JsonElement>> Suggest(string query, HttpClient? client = null) =>
        (await (client ?? CallTaker).GetAsync("/api/v1/tickets/suggestions?" + query).OkAsync())
            .GetProperty("items").EnumerateArray().ToList();

    [Fact]
    public async Task With_a_position_the_nearest_comes_first_with_its_distance_and_tickets_without_coordinates_last()
    {
        var far = await CallTaker.CreateAsync(At("traffic", "Lampu lalu lintas mati, jauh", -3.8200, 102.3000));
        var near = await CallTaker.CreateAsync(At("traffic", "Lampu lalu lintas mati, dekat", -3.7930, 102.2610));
        var unknown = await CallTaker.CreateAsync(At("traffic", "Lampu lalu lintas mati, tanpa koordinat", null, null));
        await CallTaker.CreateAsync(At("fire", "Kategori lain", -3.7930, 102.2610));

        var items = await Suggest("category=traffic&lat=-3.7928&lon=102.2608");

        Assert.Equal([near.Id(), far.Id(), unknown.Id()], items.Select(t => t.Id()));
        var nearDistance = items[0].GetProperty("distance_m").GetDouble();
        Assert.InRange(nearDistance, 20, 40); // about 31 m
        Assert.InRange(items[1].GetProperty("distance_m").GetDouble(), 4_000, 6_000);
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("distance_m").ValueKind);
        Assert.Equal(near.Str("number"), items[0].Str("number"));
        Assert.Equal("open", items[0].Str("status"));
    }

    [Fact]
    public async Task Without_a_position_the_newest_comes_first_and_no_distance_is_given()
    {
        var older = await CallTaker.CreateAsync(At("public_works", "Jalan berlubang 1", -3.79, 102.26));
        var newer = await CallTaker.CreateAsync(At("public_works", "Jalan berlubang 2", -3.80, 102.27));

        var items = await Suggest("category=public_works");

        Assert.Equal([newer.Id(), older.Id()], items.Select(t => t.Id()));
        Assert.All(items, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("distance_m").ValueKind));
    }

    [Fact]
    public async Task Closed_and_cancelled_tickets_are_not_suggested_but_escalated_ones_are()
    {
        var cancelled = await CallTaker.CreateAsync(At("wasp_nest", "Sarang tawon, dibatalkan", null, null));
        var escalated = await CallTaker.CreateAsync(At("wasp_nest", "Sarang tawon, dieskalasi", null, null));
        await CallTaker.CommandAsync(cancelled, "cancel", new { reason = "Laporan ganda" }).OkAsync();
        await CallTaker.CommandAsync(escalated, "escalate").OkAsync();

        var items = await Suggest("category=wasp_nest", fixture.ClientAs("supervisor"));

        Assert.Equal([escalated.Id()], items.Select(t => t.Id()));
        Assert.Equal("escalated", items[0].Str("status"));
    }

    [Fact]
    public async Task At_most_ten_are_suggested()
    {
        for (var i = 0; i < 11; i++)
            await CallTaker.CreateAsync(At("disaster", $"Banjir {i}", -3.79 - i * 0.001, 102.26));

        var items = await Suggest("category=disaster&lat=-3.79&lon=102.26");

        Assert.Equal(10, items.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Banjir {i}"), items.Select(t => t.Str("description")));
    }

    [Fact]
    public async Task Only_tickets_created_within_the_window_are_suggested()
    {
        var ticket = await CallTaker.CreateAsync(At("accident", "Tabrakan motor", null, null));
        Assert.Contains(ticket.Id(), (await Suggest("category=accident")).Select(t => t.Id()));

        // Once the ticket is older than a one-second window it drops out of it, and stays in the default two hours.
        await Eventually.Within(TimeSpan.FromSeconds(10), () => Suggest("category=accident&within=PT1S"), items => items.Count == 0);
        Assert.Contains(ticket.Id(), (await Suggest("category=accident&within=PT2H")).Select(t => t.Id()));
    }

    [Theory]
    [InlineData("", "category")]
    [InlineData("category=volcano", "category")]
    [InlineData("category=fire&lat=-3.79", "lon")]
    [InlineData("category=fire&lon=102.26", "lat")]
    [InlineData("category=fire&lat=91&lon=102.26", "lat")]
    [InlineData("category=fire&lat=-3.79&lon=east", "lon")]
    [InlineData("category=fire&within=2h", "within")]
    [InlineData("category=fire&within=PT0S", "within")]
    [InlineData("category=fire&within=P30D", "within")]
    public async Task Bad_query_parameters_are_a_400_naming_them(string query, string field)
    {
        var problem = await (await CallTaker.GetAsync("/api/v1/tickets/suggestions?" + query)).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }
}
