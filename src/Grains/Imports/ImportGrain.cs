using Bengkulu112.Calls;
using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Imports;

/// <summary>
/// One history import. <see cref="Start"/> stores the file durably and answers at once; the rows are then imported in the
/// background by a grain timer, chunk after chunk, each chunk committed with the progress that counts it
/// (<see cref="ImportChunkWriter"/>). A durable reminder takes a running import up again on another silo after a crash:
/// it goes on from the last committed chunk, and rows keyed by content are never written twice.
/// </summary>
public sealed partial class ImportGrain(
    ImportStore store,
    ImportChunkWriter writer,
    TicketNumbers numbers,
    IOptions<ImportOptions> options,
    TimeProvider time,
    ILogger<ImportGrain> logger) : Grain, IImportGrain, IRemindable
{
    private const string Reminder = "import";

    private IGrainTimer? runner;
    private bool running;

    private Guid ImportId => this.GetPrimaryKey();

    public async Task<ImportStartResult> Start(ImportStart start)
    {
        if (await store.LoadAsync(ImportId) is { } existing)
            return existing.Fingerprint == start.Fingerprint ? new(existing.Details, null)
                : new(null, Common.Refusal.IdempotencyMismatch("This Idempotency-Key already started an import of a different file."));

        var text = ImportCsv.Decode(start.File, new Common.FieldErrors())
            ?? throw new ArgumentException("The file was not checked before the import started.", nameof(start));
        var rows = ImportCsv.Rows(text).Count();
        if (!await store.CreateAsync(ImportId, start, rows, time.GetUtcNow()))
            return await Start(start);
        await this.RegisterOrUpdateReminder(Reminder, options.Value.BackstopPeriod, options.Value.BackstopPeriod);
        LogStarted(logger, ImportId, rows, start.Actor);
        Run();
        var stored = await store.LoadAsync(ImportId);
        return new(stored!.Details, null);
    }

    public Task Resume()
    {
        Run();
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Resume();

    /// <summary>Starts the background run unless one is going in this activation.</summary>
    private void Run()
    {
        if (running)
            return;
        running = true;
        runner?.Dispose();
        runner = this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task RunAsync(CancellationToken cancellation)
    {
        try
        {
            await ImportAsync(cancellation);
        }
        catch (Exception e)
        {
            // PostgreSQL away, the silo stopping: the reminder takes the import up again from its last commit.
            LogRunFailed(logger, e, ImportId);
        }
        finally
        {
            running = false;
        }
    }

    private async Task ImportAsync(CancellationToken cancellation)
    {
        var stored = await store.LoadAsync(ImportId);
        if (stored is null || stored.Details.Status != ImportStatus.Running)
        {
            await StopReminderAsync();
            return;
        }
        var file = await store.LoadFileAsync(ImportId);
        var text = file is null ? null : ImportCsv.Decode(file, new Common.FieldErrors());
        if (text is null)
        {
            await store.FailAsync(ImportId, "The stored file could not be read again.", time.GetUtcNow());
            await StopReminderAsync();
            return;
        }

        var context = await ContextAsync();
        var checkedRows = ImportFile.Check(text, context);
        var next = stored.NextRow;
        var size = Math.Max(1, options.Value.ChunkSize);
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var to = Math.Min(next + size, checkedRows.Count);
            var chunk = await PrepareAsync(checkedRows, next, to, context);
            if (!await writer.CommitAsync(ImportId, chunk, time.GetUtcNow()))
            {
                // Another activation went on meanwhile (a silo declared dead that was not): follow the stored progress.
                stored = await store.LoadAsync(ImportId);
                if (stored is null || stored.Details.Status != ImportStatus.Running)
                    break;
                next = stored.NextRow;
                continue;
            }
            next = to;
            if (chunk.Last)
            {
                LogDone(logger, ImportId);
                break;
            }
        }
        await StopReminderAsync();
    }

    /// <summary>A chunk's rows: the refused ones' errors, the ones already present, the others with call and ticket.</summary>
    private async Task<ImportChunk> PrepareAsync(IReadOnlyList<CheckedRow> rows, int from, int to, ImportContext context)
    {
        var slice = rows.Skip(from).Take(to - from).ToList();
        var accepted = slice.Where(r => r.Record is not null).Select(r => r.Record!).ToList();
        var existing = await writer.ExistingAsync([.. accepted.Select(r => r.CallId)]);
        var fresh = accepted.Where(r => !existing.Contains(r.CallId)).ToList();

        var ticketNumbers = new Dictionary<Guid, string>();
        foreach (var year in fresh.Where(r => r.OpensTicket).GroupBy(r => TimeZoneInfo.ConvertTime(r.ReceivedAt, context.Zone).Year))
        {
            var first = await numbers.ReserveAsync(year.Key, year.Count());
            foreach (var (row, k) in year.Select((r, k) => (r, k)))
                ticketNumbers[row.CallId] = TicketNumbers.Format(year.Key, first + k);
        }

        var now = time.GetUtcNow();
        var writes = fresh.Select(r =>
        {
            var ticket = r.OpensTicket
                ? ImportedTicket.Build(r, context.Routing[r.Category!], ticketNumbers[r.CallId], now)
                : null;
            return new ImportWrite(r, ImportedCall.Build(r, now), ticket);
        }).ToList();
        var errors = slice.SelectMany(r => r.Errors).ToList();
        return new ImportChunk(from, to, writes, accepted.Count - fresh.Count, errors,
            slice.Count(r => r.Record is null), to >= rows.Count);
    }

    private async Task<ImportContext> ContextAsync()
    {
        var codes = await GrainFactory.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).GetCodes();
        var routing = await GrainFactory.GetGrain<IRoutingGrain>(IRoutingGrain.Key).GetAll();
        return new ImportContext(codes.ToHashSet(StringComparer.Ordinal), routing.ToDictionary(r => r.Category),
            time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
    }

    private async Task StopReminderAsync()
    {
        runner?.Dispose();
        runner = null;
        if (await this.GetReminder(Reminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} started by {Actor}: {Rows} rows")]
    private static partial void LogStarted(ILogger logger, Guid importId, int rows, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} done")]
    private static partial void LogDone(ILogger logger, Guid importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} stopped; its reminder takes it up again")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid importId);
}
