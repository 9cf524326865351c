using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>
/// Calls and callers once lived in Orleans grain storage; migration 0007 carries them into their own tables. The
/// legacy rows here are written by the silo's own Orleans storage provider, exactly as older versions wrote them.
/// </summary>
public sealed class LegacyIntakeStateMigrationTests
{
    [Fact]
    public async Task Calls_and_callers_in_grain_storage_are_readable_after_migration_0007()
    {
        var database = await TestPostgres.CreateDatabaseAsync("legacy");
        await using var cluster = await TestCluster.StartAsync(database, silos: 1);
        var storage = cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

        var callId = Guid.NewGuid();
        var number = "+6281299887766";
        var call = new CallState
        {
            Fingerprint = "legacy", CallerNumber = number, ReceivedAt = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
            Channel = Channel.Sms, CallTaker = "operator", Notes = "before 0006", Classification = Classification.WrongNumber,
            ClassifiedAt = new DateTimeOffset(2025, 3, 1, 12, 1, 0, TimeSpan.Zero),
            Screening = new Screening(2, 1, 0, false, null),
        };
        var caller = new CallerState
        {
            TotalCalls = 3, Counts = { [Classification.WrongNumber] = 1 },
            Calls = [new RecordedCall(callId, call.ReceivedAt, Classification.WrongNumber)],
        };
        // Grain ids as the grains have them: a GUID key (two 64-bit halves in storage) and a string key.
        await storage.WriteStateAsync("call", cluster.Client.GetGrain<ICallGrain>(callId).GetGrainId(),
            new GrainState<CallState>(call));
        await storage.WriteStateAsync("caller", cluster.Client.GetGrain<ICallerGrain>(number).GetGrainId(),
            new GrainState<CallerState>(caller));

        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            var script = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src/Silo/Migrations/0007_intake_store.sql"));
            await using var migrate = new NpgsqlCommand(script, connection);
            await migrate.ExecuteNonQueryAsync();
            await using var row = new NpgsqlCommand(
                $"SELECT caller_number || ' ' || channel || ' ' || classification FROM calls WHERE id = '{callId}'", connection);
            Assert.Equal($"{number} sms wrong_number", await row.ExecuteScalarAsync());
        }

        var read = await cluster.Client.GetGrain<ICallGrain>(callId).Get();
        Assert.NotNull(read);
        Assert.Equal("before 0006", read.Notes);
        Assert.Equal(Classification.WrongNumber, read.Classification);
        Assert.Equal(call.Screening, read.Screening);
        var readCaller = await cluster.Client.GetGrain<ICallerGrain>(number).Get();
        Assert.Equal(3, readCaller!.TotalCalls);
        Assert.Equal(callId, Assert.Single(readCaller.LastCalls).CallId);
    }

    [Fact]
    public async Task A_call_an_older_version_counted_but_left_half_written_is_stored_on_retry_and_counted_once()
    {
        var database = await TestPostgres.CreateDatabaseAsync("halfcall");
        await using var cluster = await TestCluster.StartAsync(database, silos: 1);
        var callId = Guid.NewGuid();
        var number = "+6281299001122";
        var receivedAt = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
        // The old order: the caller counted the call, the report row was written, the call's own state never was.
        var caller = new CallerState { TotalCalls = 1, Calls = [new RecordedCall(callId, receivedAt, null)] };
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var setup = new NpgsqlCommand($"""
                INSERT INTO callers (number, state, version) VALUES ('{number}', @state::jsonb, 1);
                INSERT INTO calls (id, caller_number, received_at, channel, call_taker)
                VALUES ('{callId}', '{number}', '2025-05-01T08:00:00Z', 'voice', 'operator');
                """, connection);
            setup.Parameters.AddWithValue("state", Bengkulu112.Common.StoredJson.Serialize(caller));
            await setup.ExecuteNonQueryAsync();
        }

        var intake = new CallIntake(number, receivedAt, Channel.Voice, "operator", null, null);
        var result = await cluster.Client.GetGrain<ICallerGrain>(number).RecordCall(callId, intake, "retry");

        Assert.Null(result.Failure);
        Assert.Equal(0, result.Call!.Screening.PriorCalls);
        Assert.Equal(1, (await cluster.Client.GetGrain<ICallerGrain>(number).Get())!.TotalCalls);
        Assert.Equal("operator", (await cluster.Client.GetGrain<ICallGrain>(callId).Get())!.CallTaker);
    }
}
