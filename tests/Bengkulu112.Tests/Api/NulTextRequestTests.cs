using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>
/// PostgreSQL stores no U+0000: a request holding one in any text is refused with 400 naming the field, and stores
/// nothing; the call intakes sharing its moment are stored as ever.
/// </summary>
public sealed class NulTextRequestTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_flag_reason_holding_U0000_is_refused_naming_the_field()
    {
        var number = CallRequests.E164(CallRequests.NewNumber());
        var response = await fixture.ClientAs("supervisor").PutAsJsonAsync($"/api/v1/callers/{Uri.EscapeDataString(number)}/flag",
            new { reason = "\0" });
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("must not contain the character U+0000", problem.GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(0L, await Count("SELECT count(*) FROM callers WHERE number = $1", number));
    }

    [Fact]
    public async Task A_call_whose_address_holds_U0000_is_refused_and_the_calls_beside_it_are_stored()
    {
        var calltaker = fixture.ClientAs("calltaker");
        var bad = Guid.NewGuid();
        var requests = Enumerable.Range(0, 8).Select(i => calltaker.PostAsJsonAsync("/api/v1/calls", new
        {
            caller_number = CallRequests.NewNumber(),
            location = new { address = i == 0 ? "Jl. Suprapto\0 12" : "Jl. Suprapto 12" },
            notes = i == 0 ? bad.ToString() : null,
        })).ToList();
        var responses = await Task.WhenAll(requests);

        var problem = await responses[0].AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("location.address", out _));
        foreach (var other in responses.Skip(1))
            await other.AssertJson(HttpStatusCode.Created);
        Assert.Equal(0L, await Count("SELECT count(*) FROM calls WHERE state->>'notes' = $1", bad.ToString()));
    }

    private async Task<long> Count(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(parameter);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
