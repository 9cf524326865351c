using System.Net;
using System.Text.Json;
using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Tests.Api.Imports;
using Bengkulu112.Tests.Cluster;
using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>
/// A caller's stored state holds its counts, flag and classified calls, not its calls: those are rows of `calls`, read
/// back when the caller's grain activates again. So a number's state does not grow with its calls, and a caller reads
/// after a restart exactly as before (own fixture: the restarts would disturb other classes' tests).
/// </summary>
public sealed class CallerHistoryTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    [Fact]
    public async Task A_callers_stored_state_does_not_grow_with_its_calls()
    {
        var number = CallRequests.NewNumber();
        var e164 = CallRequests.E164(number);
        var first = await CallTaker.RecordCall(number);
        await CallTaker.ClassifyAs(first.Id(), "silent");
        for (var i = 0; i < 19; i++)
            await CallTaker.RecordCall(number);
        var after20 = await Scalar<int>("SELECT octet_length(state::text) FROM callers WHERE number = $1", e164);

        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => CallTaker.RecordCall(number)));

        Assert.Equal(320, await Scalar<int>("SELECT (state->>'total_calls')::int FROM callers WHERE number = $1", e164));
        // Only total_calls grew a digit: the state lists its one classified call, not the 320 calls.
        Assert.InRange(await Scalar<int>("SELECT octet_length(state::text) FROM callers WHERE number = $1", e164),
            after20, after20 + 1);
        Assert.Equal(1, await Scalar<int>("SELECT jsonb_array_length(state->'calls') FROM callers WHERE number = $1", e164));
        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(320, caller.GetProperty("total_calls").GetInt32());
        Assert.Equal(1, caller.GetProperty("silent_calls_30d").GetInt32());
    }

    [Fact]
    public async Task After_a_restart_a_caller_answers_and_screens_exactly_as_before()
    {
        var number = CallRequests.NewNumber();
        var now = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        async Task<string> Call(DateTimeOffset receivedAt, string? classification = null)
        {
            var id = (await CallTaker.RecordCall(new { caller_number = number, received_at = receivedAt })).Id();
            if (classification is not null)
                await CallTaker.ClassifyAs(id, classification);
            ids.Add(id);
            return id;
        }
        // Older than the 30-day window (counted, listed only among the newest), then hours ago, then a flood.
        await Call(now.AddDays(-40), "prank");
        await Call(now.AddDays(-39));
        await Call(now.AddDays(-35), "wrong_number");
        await Call(now.AddHours(-5), "prank");
        await Call(now.AddHours(-4), "silent");
        var unclassified = await Call(now.AddHours(-3));
        await Call(now.AddHours(-2), "prank");
        for (var i = 0; i < 5; i++)
            await Call(now.AddMinutes(-100 + i));
        for (var i = 0; i < 12; i++)
            await Call(now.AddMinutes(-6).AddSeconds(i * 10));
        var before = await CallerJson(number);
        Assert.Equal(ids.AsEnumerable().Reverse().Take(20), LastCallIds(before));
        Assert.True(before.GetProperty("flagged").GetBoolean());

        await fixture.Silos.RestartAllAsync(fixture.ConnectionString);

        var after = await Eventually.Within(TimeSpan.FromSeconds(60), () => TryCallerJson(number), c => c is not null);
        Assert.Equal(before.GetRawText(), after!.Value.GetRawText());
        // It screens on as it would have: the calls before the restart count, the flood and the pranks included.
        var next = (await CallTaker.RecordCall(number)).GetProperty("screening");
        Assert.Equal(24, next.GetProperty("prior_calls").GetInt32());
        Assert.Equal(2, next.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal(1, next.GetProperty("silent_calls_30d").GetInt32());
        Assert.Equal("12 calls in the last 10 minutes (flooding the line)", next.GetProperty("flag_reason").GetString());
        // A call from before the restart is classified as any other: a third prank in the window flags the number.
        await CallTaker.ClassifyAs(unclassified, "prank");
        var classified = await CallerJson(number);
        Assert.Equal(3, classified.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal(4, classified.GetProperty("counts").GetProperty("prank").GetInt32());
        Assert.Equal("3 prank calls in the last 30 days", classified.GetProperty("flag_reason").GetString());
    }

    [Fact]
    public async Task A_classification_whose_call_write_conflicts_counts_nothing_and_its_retry_counts_once()
    {
        var number = CallRequests.NewNumber();
        var call = await CallTaker.RecordCall(number);
        var id = Guid.Parse(call.Id());
        // The call's grain holds the call at version 1; its row then moves on behind it, as another writer's would.
        await (await CallTaker.GetAsync($"/api/v1/calls/{call.Id()}")).AssertJson(HttpStatusCode.OK);
        await Scalar<int>("WITH u AS (UPDATE calls SET version = version + 1 WHERE id = $1 RETURNING 1) SELECT count(*)::int FROM u", id);

        await (await CallTaker.Classify(call.Id(), new { classification = "prank" })).AssertProblem(HttpStatusCode.Conflict);
        // The caller's count and the call's row are one transaction: neither was written.
        Assert.Null(await Scalar<string?>("SELECT classification FROM calls WHERE id = $1", id));
        Assert.Equal(0, (await CallerJson(number)).GetProperty("counts").GetProperty("prank").GetInt32());

        // The call taker's retry reads the call again and counts it once.
        await CallTaker.ClassifyAs(call.Id(), "prank");
        var caller = await CallerJson(number);
        Assert.Equal(1, caller.GetProperty("counts").GetProperty("prank").GetInt32());
        Assert.Equal(1, caller.GetProperty("prank_calls_30d").GetInt32());
        Assert.Equal("prank", caller.GetProperty("last_calls")[0].GetProperty("classification").GetString());
        Assert.Equal("prank", await Scalar<string?>("SELECT classification FROM calls WHERE id = $1", id));
    }

    [Fact]
    public async Task A_classification_whose_caller_write_conflicts_classifies_nothing_and_its_retry_counts_once()
    {
        var number = CallRequests.NewNumber();
        var call = await CallTaker.RecordCall(number);
        var id = Guid.Parse(call.Id());
        // The caller's grain holds its row at the version it wrote; the row then moves on behind it.
        Assert.Equal(1, await Scalar<int>("WITH u AS (UPDATE callers SET version = version + 1 WHERE number = $1 RETURNING 1) SELECT count(*)::int FROM u", call.GetProperty("caller_number").GetString()!));

        await (await CallTaker.Classify(call.Id(), new { classification = "prank" })).AssertProblem(HttpStatusCode.Conflict);
        // The call's row was written first in the same transaction: the caller's conflict took it back.
        Assert.Null(await Scalar<string?>("SELECT classification FROM calls WHERE id = $1", id));

        // The caller's grain reads its row again; the retry counts the call once.
        await CallTaker.ClassifyAs(call.Id(), "prank");
        Assert.Equal(1, (await CallerJson(number)).GetProperty("counts").GetProperty("prank").GetInt32());
        Assert.Equal("prank", await Scalar<string?>("SELECT classification FROM calls WHERE id = $1", id));
    }

    [Fact]
    public async Task Imported_calls_of_a_number_change_nothing_of_its_screening_even_after_a_restart()
    {
        var number = CallRequests.NewNumber();
        var live = new[] { (await CallTaker.RecordCall(number)).Id(), (await CallTaker.RecordCall(number)).Id() };
        var before = await CallerJson(number);
        // Its own records of the last hour: pranks, inside the screening window and the flood window, newer than the live calls.
        var rows = Enumerable.Range(1, 12).Select(i =>
            $"{DateTimeOffset.UtcNow.AddSeconds(-i):yyyy-MM-dd'T'HH:mm:ss'Z'},{number},prank");
        var import = await Supervisor.ImportAndWait(ImportRequests.Utf8WithBom(
            "received_at,caller_number,classification\n" + string.Join("\n", rows) + "\n"));
        Assert.Equal(12, import.GetProperty("imported").GetInt32());

        await fixture.Silos.RestartAllAsync(fixture.ConnectionString);

        var after = await Eventually.Within(TimeSpan.FromSeconds(60), () => TryCallerJson(number), c => c is not null);
        Assert.Equal(before.GetRawText(), after!.Value.GetRawText());
        Assert.Equal(live.Reverse(), LastCallIds(after.Value));
        var next = (await CallTaker.RecordCall(number)).GetProperty("screening");
        Assert.Equal(2, next.GetProperty("prior_calls").GetInt32());
        Assert.Equal(0, next.GetProperty("prank_calls_30d").GetInt32());
        Assert.False(next.GetProperty("flagged").GetBoolean());
    }

    private static IEnumerable<string> LastCallIds(JsonElement caller) =>
        caller.GetProperty("last_calls").EnumerateArray().Select(c => c.GetProperty("call_id").GetString()!);

    private async Task<JsonElement> CallerJson(string number) =>
        await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);

    /// <summary>The caller, or null while the API has not yet found the restarted silos (503).</summary>
    private async Task<JsonElement?> TryCallerJson(string number)
    {
        var response = await CallTaker.GetAsync($"/api/v1/callers/{number}");
        return response.StatusCode == HttpStatusCode.OK ? await response.AssertJson(HttpStatusCode.OK) : null;
    }

    private async Task<T> Scalar<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default! : (T)value!;
    }
}
