using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Silo.Migrations;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Storage;

/// <summary>The group commit of call intakes, against a real PostgreSQL with the project's migrations.</summary>
public sealed class IntakeBatcherTests : IAsyncLifetime
{
    private string connectionString = "";
    private NpgsqlDataSource database = null!;
    private IntakeBatcher batcher = null!;
    private CallerStore callers = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("intake");
        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        database = NpgsqlDataSource.Create(connectionString);
        batcher = new IntakeBatcher(database, NullLogger<IntakeBatcher>.Instance);
        callers = new CallerStore(database, Microsoft.Extensions.Options.Options.Create(new ScreeningOptions()), TimeProvider.System,
            NullLogger<CallerStore>.Instance);
    }

    public async Task DisposeAsync()
    {
        await batcher.DisposeAsync();
        await callers.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_intakes_are_all_stored_sharing_transactions()
    {
        var writes = Enumerable.Range(0, 200).Select(i => Write($"+628120000{i:D4}", callerVersion: 1)).ToList();

        var outcomes = await Task.WhenAll(writes.Select(batcher.CommitAsync));

        Assert.All(outcomes, o => Assert.Equal(IntakeOutcome.Recorded, o));
        Assert.Equal(200, await Scalar<long>("SELECT count(*) FROM calls WHERE state IS NOT NULL"));
        Assert.Equal(200, await Scalar<long>("SELECT count(*) FROM callers WHERE version = 1"));
        // Rows written by one transaction share its xmin: 200 intakes took fewer commits than intakes.
        Assert.True(await Scalar<long>("SELECT count(DISTINCT xmin::text) FROM calls") < 200);
        var stored = await new CallStore(database).LoadAsync(writes[17].Calls[0].CallId);
        Assert.Equal(writes[17].Calls[0].Call.CallerNumber, stored!.State.CallerNumber);
        Assert.Equal("fingerprint", stored.State.Fingerprint);
    }

    [Fact]
    public async Task A_call_id_stored_already_writes_nothing_the_second_time()
    {
        var first = Write("+6281300000001", callerVersion: 1);
        Assert.Equal(IntakeOutcome.Recorded, await batcher.CommitAsync(first));

        var again = first with { Caller = new CallerState { TotalCalls = 99 }, CallerVersion = 2 };
        Assert.Equal(IntakeOutcome.CallExists, await batcher.CommitAsync(again));

        var caller = await callers.LoadAsync("+6281300000001");
        Assert.Equal(1, caller!.Version);
        Assert.Equal(1, caller.State.TotalCalls);
    }

    [Fact]
    public async Task A_caller_conflict_refuses_that_intake_whole_and_commits_the_others()
    {
        var conflicted = "+6281400000001";
        await callers.SaveAsync(conflicted, new CallerState { TotalCalls = 7 }, 1);
        var writes = Enumerable.Range(0, 50).Select(i => Write($"+62814100{i:D4}", callerVersion: 1)).ToList();
        // This activation believes the number was never stored: version 1 again.
        writes.Insert(25, Write(conflicted, callerVersion: 1));

        var outcomes = await Task.WhenAll(writes.Select(batcher.CommitAsync));

        Assert.Equal(IntakeOutcome.CallerConflict, outcomes[25]);
        Assert.Equal(50, outcomes.Count(o => o == IntakeOutcome.Recorded));
        Assert.Equal(0, await Scalar<long>($"SELECT count(*) FROM calls WHERE id = '{writes[25].Calls[0].CallId}'"));
        Assert.Equal(7, (await callers.LoadAsync(conflicted))!.State.TotalCalls);
        Assert.Equal(50, await Scalar<long>("SELECT count(*) FROM calls"));
    }

    [Fact]
    public async Task A_failed_commit_fails_every_intake_in_it_and_stores_none()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(connectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var nowhere = NpgsqlDataSource.Create(unreachable);
        await using var failing = new IntakeBatcher(nowhere, NullLogger<IntakeBatcher>.Instance);

        var attempts = Enumerable.Range(0, 10).Select(i => failing.CommitAsync(Write($"+62815000{i:D4}", 1))).ToList();

        foreach (var attempt in attempts)
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => attempt);
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM calls"));
    }

    [Fact]
    public async Task A_callers_group_of_calls_is_stored_whole_with_its_caller_once()
    {
        var number = "+6281700000001";
        var group = Group(number, 40, callerVersion: 1);

        Assert.Equal(IntakeOutcome.Recorded, await batcher.CommitAsync(group));

        Assert.Equal(40, await Scalar<long>($"SELECT count(*) FROM calls WHERE caller_number = '{number}'"));
        Assert.Equal(1, await Scalar<long>($"SELECT count(DISTINCT xmin::text) FROM calls WHERE caller_number = '{number}'"));
        var caller = await callers.LoadAsync(number);
        Assert.Equal(1, caller!.Version);
        Assert.Equal(40, caller.State.TotalCalls);
    }

    [Fact]
    public async Task A_group_holding_one_stored_call_id_stores_none_of_its_calls_and_the_other_writes_commit()
    {
        var stored = Write("+6281800000001", callerVersion: 1);
        Assert.Equal(IntakeOutcome.Recorded, await batcher.CommitAsync(stored));
        var number = "+6281800000002";
        var fresh = Group(number, 5, callerVersion: 1);
        // The third call reuses the id of a call stored under another number.
        var group = fresh with { Calls = [.. fresh.Calls.Select((c, i) => i == 2 ? c with { CallId = stored.Calls[0].CallId } : c)] };
        var others = Enumerable.Range(0, 20).Select(i => Write($"+62818100{i:D4}", callerVersion: 1)).ToList();

        var outcomes = await Task.WhenAll(others.Append(group).Select(batcher.CommitAsync));

        Assert.Equal(IntakeOutcome.CallExists, outcomes[^1]);
        Assert.All(outcomes[..^1], o => Assert.Equal(IntakeOutcome.Recorded, o));
        Assert.Equal(0, await Scalar<long>($"SELECT count(*) FROM calls WHERE caller_number = '{number}'"));
        Assert.Null(await callers.LoadAsync(number));
        Assert.Equal(21, await Scalar<long>("SELECT count(*) FROM calls"));
    }

    [Fact]
    public async Task A_call_without_a_number_is_stored_alone_and_once()
    {
        var id = Guid.NewGuid();
        var call = new CallState
        {
            Fingerprint = "fingerprint", CallerNumber = null, CallerId = CallerId.Withheld, ReceivedAt = DateTimeOffset.UtcNow,
            CallTaker = "test", RecordedAt = DateTimeOffset.UtcNow,
        };

        Assert.Equal(IntakeOutcome.Recorded, await batcher.CommitAsync(IntakeWrite.WithoutNumber(id, call)));
        Assert.Equal(IntakeOutcome.CallExists, await batcher.CommitAsync(IntakeWrite.WithoutNumber(id, call)));

        Assert.Equal("withheld", await Scalar<string>($"SELECT caller_id FROM calls WHERE id = '{id}' AND caller_number IS NULL"));
        Assert.Equal(0, await Scalar<long>("SELECT count(*) FROM callers"));
    }

    [Fact]
    public async Task Concurrent_caller_reads_each_get_their_own_caller_or_none()
    {
        var numbers = Enumerable.Range(0, 100).Select(i => $"+62816000{i:D4}").ToList();
        foreach (var number in numbers.Where((_, i) => i % 2 == 0))
            await callers.SaveAsync(number, new CallerState { TotalCalls = int.Parse(number[^4..]) }, 1);

        // Each number twice: the same number may sit in one batch more than once.
        var reads = await Task.WhenAll(numbers.Concat(numbers).Select(callers.LoadAsync));

        for (var i = 0; i < reads.Length; i++)
        {
            var index = i % numbers.Count;
            if (index % 2 == 0)
                Assert.Equal(index, reads[i]!.State.TotalCalls);
            else
                Assert.Null(reads[i]);
        }
    }

    private static IntakeWrite Write(string number, int callerVersion)
    {
        var id = Guid.NewGuid();
        var call = new CallState
        {
            Fingerprint = "fingerprint", CallerNumber = number, ReceivedAt = DateTimeOffset.UtcNow, CallTaker = "test",
            RecordedAt = DateTimeOffset.UtcNow,
        };
        var caller = new CallerState { TotalCalls = 1, Calls = [new RecordedCall(id, call.ReceivedAt, null)] };
        return new IntakeWrite(number, [new IntakeCall(id, call)], caller, callerVersion);
    }

    private static IntakeWrite Group(string number, int count, int callerVersion)
    {
        var writes = Enumerable.Range(0, count).Select(_ => Write(number, callerVersion)).ToList();
        var caller = new CallerState { TotalCalls = count, Calls = [.. writes.SelectMany(w => w.Caller!.Calls)] };
        return new IntakeWrite(number, [.. writes.SelectMany(w => w.Calls)], caller, callerVersion);
    }

    private async Task<T> Scalar<T>(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
