using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>
/// Many calls at once from one number share its caller grain's commits, each screened exactly in arrival order and
/// answered only once stored; calls without a number are spread over grains of their own.
/// </summary>
public sealed class OneNumberIntakeTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const int Concurrent = 120;

    private HttpClient CallTaker => fixture.ClientAs("calltaker");

    [Fact]
    public async Task Concurrent_calls_from_one_number_are_all_stored_once_with_consecutive_screening_counts()
    {
        var number = CallRequests.NewNumber();

        var calls = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => CallTaker.RecordCall(number)));

        var priorCalls = calls.Select(c => c.GetProperty("screening").GetProperty("prior_calls").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(0, Concurrent), priorCalls);
        var ids = calls.Select(c => Guid.Parse(c.Id())).ToArray();
        Assert.Equal(Concurrent, ids.Distinct().Count());

        var e164 = CallRequests.E164(number);
        Assert.Equal(Concurrent, await Scalar<long>(
            "SELECT count(*) FROM calls WHERE caller_number = $1 AND state IS NOT NULL AND id = ANY($2)", e164, ids));
        // Each stored call carries the screening its 201 answered.
        Assert.Equal(Enumerable.Range(0, Concurrent).Select(i => (long)i), await Column<long>(
            "SELECT (state->'screening'->>'prior_calls')::bigint FROM calls WHERE caller_number = $1 ORDER BY 1", e164));
        Assert.Equal(Concurrent, await Scalar<int>("SELECT (state->>'total_calls')::int FROM callers WHERE number = $1", e164));
        // Queued calls shared commits: the rows of one transaction share its xmin.
        Assert.True(await Scalar<long>("SELECT count(DISTINCT xmin::text) FROM calls WHERE caller_number = $1", e164) < Concurrent);

        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{Uri.EscapeDataString(e164)}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(Concurrent, caller.GetProperty("total_calls").GetInt32());
    }

    [Fact]
    public async Task The_same_request_at_once_among_other_calls_of_its_number_is_stored_and_counted_once()
    {
        var number = CallRequests.NewNumber();
        var key = Guid.NewGuid().ToString();

        var repeated = Enumerable.Range(0, 10).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/calls")
            {
                Content = JsonContent.Create(new { caller_number = number, notes = "the same request" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await (await CallTaker.SendAsync(request)).AssertJson(HttpStatusCode.Created);
        });
        var others = Enumerable.Range(0, 10).Select(_ => CallTaker.RecordCall(number));
        var answers = await Task.WhenAll(repeated.Concat(others));

        Assert.Single(answers[..10].Select(a => a.Id()).Distinct());
        Assert.Single(answers[..10].Select(a => a.GetProperty("screening").GetProperty("prior_calls").GetInt32()).Distinct());
        Assert.Equal(Enumerable.Range(0, 11), answers[9..].Select(a => a.GetProperty("screening").GetProperty("prior_calls").GetInt32()).Order());
        Assert.Equal(11, await Scalar<long>("SELECT count(*) FROM calls WHERE caller_number = $1", CallRequests.E164(number)));
    }

    [Fact]
    public async Task A_failing_commit_stores_none_of_its_calls_and_answers_an_error_for_each()
    {
        var number = CallRequests.NewNumber();
        var e164 = CallRequests.E164(number);
        // PostgreSQL refuses the commit of any transaction that writes this caller (checked at COMMIT, after every
        // statement of the group succeeded).
        await Execute($"""
            CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'commit refused by the test'; END $$;
            CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT OR UPDATE ON callers
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.number = '{e164}') EXECUTE FUNCTION refuse_commit();
            """);
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 30)
                .Select(_ => CallTaker.PostAsJsonAsync("/api/v1/calls", new { caller_number = number })));

            Assert.All(answers, a => Assert.True((int)a.StatusCode >= 500, $"answered {(int)a.StatusCode}"));
            Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM calls WHERE caller_number = $1", e164));
            Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM callers WHERE number = $1", e164));
        }
        finally
        {
            await Execute("DROP TRIGGER refuse_commit ON callers; DROP FUNCTION refuse_commit();");
        }

        // Nothing of the failed calls was counted: the next call is this number's first.
        var next = await CallTaker.RecordCall(number);
        Assert.Equal(0, next.GetProperty("screening").GetProperty("prior_calls").GetInt32());
        Assert.Equal(1, await Scalar<long>("SELECT count(*) FROM calls WHERE caller_number = $1", e164));
    }

    [Theory]
    [InlineData("withheld")]
    [InlineData("unavailable")]
    public async Task Concurrent_calls_without_a_number_are_all_stored(string callerId)
    {
        var calls = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ =>
            CallTaker.RecordCall(new { caller_number = (string?)null, caller_id = callerId, channel = "voice" })));

        var ids = calls.Select(c => Guid.Parse(c.Id())).ToArray();
        Assert.Equal(Concurrent, ids.Distinct().Count());
        Assert.All(calls, c => Assert.Equal(JsonValueKind.Null,
            c.GetProperty("screening").GetProperty("prior_calls").ValueKind));
        Assert.Equal(Concurrent, await Scalar<long>(
            "SELECT count(*) FROM calls WHERE caller_number IS NULL AND caller_id = $1 AND state IS NOT NULL AND id = ANY($2)",
            callerId, ids));
    }

    private async Task<T> Scalar<T>(string sql, params object[] parameters) => (await Column<T>(sql, parameters)).Single();

    private async Task<List<T>> Column<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
