using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Bengkulu112.Opds;

/// <summary>
/// One OPD: its definition (grain state) and its open-ticket list. The list follows the ticket stream as changes
/// happen; it is read whole from the tickets table at activation, and every <see cref="OpdTicketOptions.ReconcilePeriod"/>
/// the tickets changed since the last read are read again: a stream message lost with a dying silo (marked published
/// once it was queued), or a change written without one (an import), is repaired within that period. The list is never
/// written per change, and the periodic re-read costs what changed, not what the list holds.
/// </summary>
[ImplicitStreamSubscription(TicketStreams.OpdNamespace)]
public sealed partial class OpdGrain(
    [PersistentState("opd", StorageNames.Default)] IPersistentState<OpdState> state,
    OpdTicketSource tickets,
    IOptions<OpdTicketOptions> options,
    TimeProvider time,
    ILogger<OpdGrain> logger) : Grain, IOpdGrain
{
    // The tickets in this OPD's hands, and the last version applied of every ticket it heard of (to ignore repeats
    // and late arrivals; kept across reconciles).
    private readonly Dictionary<Guid, OpdTicket> open = [];
    private readonly Dictionary<Guid, int> versions = [];

    // Where the next re-read of the tickets table starts (OpdTicketSource.ChangedSinceAsync).
    private ulong changeMark;

    // The definition as last written, what readers see: a change is written from a copy and swapped in after.
    private OpdState _committed = new();

    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An implicit subscription delivers to every activation of the stream's key; the handler must be attached
        // again by each activation (subscribing to an implicit stream registers nothing in the pub-sub store).
        var stream = this.GetStreamProvider(TicketStreams.Provider)
            .GetStream<TicketChanged>(StreamId.Create(TicketStreams.OpdNamespace, Code));
        _committed = state.State;
        await stream.SubscribeAsync((change, _) => OnTicketChanged(change));
        if (state.RecordExists)
            await ActivationReads.GuardAsync(ReadAllAsync());
        var period = options.Value.ReconcilePeriod;
        // Interleaved: while the re-read waits for PostgreSQL, the grain keeps serving calls and stream messages.
        this.RegisterGrainTimer(ReconcileOnTimerAsync, new GrainTimerCreationOptions(period, period) { Interleave = true });
    }

    public Task<OpdDetails?> Get() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

    public Task<IReadOnlyList<OpdTicket>> GetTickets() =>
        Task.FromResult(OpdTicketList.Sorted(open.Values));

    public async Task<OpdChangeResult> Put(OpdDefinition definition, string actor)
    {
        var errors = OpdDefinitionValidator.Validate(Code, definition);
        if (definition.BackupOpd is { } backup && errors.IsEmpty)
        {
            var backupOpd = await GrainFactory.GetGrain<IOpdGrain>(backup).Get();
            if (backupOpd is null)
                errors.Add("backup_opd", $"no OPD with code '{backup}'");
        }
        if (!errors.IsEmpty)
            return OpdChangeResult.Refused(errors);

        var created = !state.RecordExists;
        // Listed before it is written: a crash in between leaves a listed code with no OPD (skipped by readers),
        // never a stored OPD that the directory does not know.
        await GrainFactory.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).Register(Code);
        await WriteAsync(definition, actor);
        return new OpdChangeResult(ToDetails(), created, null);
    }

    public async Task<bool> SeedIfAbsent(OpdDefinition definition)
    {
        if (state.RecordExists)
            return false;
        await GrainFactory.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).Register(Code);
        await WriteAsync(definition, "system:seed");
        return true;
    }

    private async Task OnTicketChanged(TicketChanged change)
    {
        // Keeping a list would bring an OPD into existence that nobody created.
        if (!state.RecordExists)
        {
            LogUnknownOpd(logger, Code, change.TicketId, change.Version);
            return;
        }
        // A ticket this activation has not heard of: the message may be a late repeat of an old change (the ticket
        // closed since), so the stored ticket is applied instead; it is never older than a message (published after
        // its commit).
        if (!versions.ContainsKey(change.TicketId) && await tickets.LoadAsync(change.TicketId) is { } stored)
            change = stored;
        if (!OpdTicketList.Apply(Code, change, open, versions))
            LogStaleChange(logger, Code, change.TicketId, change.Version);
    }

    /// <summary>
    /// The list as the tickets table has it (at least as new as any change a stream carried: a change is published
    /// after its commit), read whole once, when the grain activates; answers how many tickets it listed.
    /// </summary>
    private async Task<int> ReadAllAsync()
    {
        var read = await tickets.InHandsOfAsync(Code);
        foreach (var ticket in read.Tickets)
            OpdTicketList.Apply(Code, ticket, open, versions);
        changeMark = read.Mark;
        return open.Count;
    }

    /// <summary>
    /// Applies the tickets changed since the last read, by whichever writer (a stream message lost with a dying silo,
    /// an import, another silo's write): only those rows are read, however many tickets the list holds. Each is applied
    /// only when newer than what the list has (the timer interleaves with stream messages), and a ticket no longer in
    /// this OPD's hands leaves the list.
    /// </summary>
    private async Task<int> ReconcileAsync()
    {
        var read = await tickets.ChangedSinceAsync(changeMark);
        var repaired = 0;
        foreach (var ticket in read.Tickets)
        {
            // Tickets of other OPDs that this one never listed are none of its business.
            if (OpdTicketList.RoleOf(Code, ticket) is null && !open.ContainsKey(ticket.TicketId))
                continue;
            if (OpdTicketList.Apply(Code, ticket, open, versions))
                repaired++;
        }
        changeMark = read.Mark;
        return repaired;
    }

    private async Task ReconcileOnTimerAsync()
    {
        if (!state.RecordExists)
            return;
        try
        {
            if (await ReconcileAsync() is > 0 and var repaired)
                LogReconciled(logger, Code, repaired);
        }
        catch (Exception e)
        {
            // The stream keeps the list current meanwhile; the next period tries again.
            LogReconcileFailed(logger, e, Code);
        }
    }

    private async Task WriteAsync(OpdDefinition definition, string actor)
    {
        var now = time.GetUtcNow();
        var next = new OpdState
        {
            Name = definition.Name.Trim(),
            Categories = [.. definition.Categories],
            BackupOpd = definition.BackupOpd,
            Active = definition.Active,
            CreatedAt = state.RecordExists ? _committed.CreatedAt : now,
            UpdatedAt = now,
            UpdatedBy = actor,
        };
        await state.WriteCopyAsync(next, DeactivateOnIdle);
        _committed = next;
    }

    private OpdDetails ToDetails()
    {
        var s = _committed;
        return new OpdDetails(Code, s.Name, s.Categories, s.BackupOpd, open.Count, s.Active, s.UpdatedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "OPD {Opd} does not exist: ignored ticket {TicketId} version {Version} from the ticket stream")]
    private static partial void LogUnknownOpd(ILogger logger, string opd, Guid ticketId, int version);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "OPD {Opd} ignored ticket {TicketId} version {Version}: already applied a newer or equal version")]
    private static partial void LogStaleChange(ILogger logger, string opd, Guid ticketId, int version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "OPD {Opd}: {Count} tickets of its list differed from the tickets table (changes the stream had not delivered yet, or lost) and were updated")]
    private static partial void LogReconciled(ILogger logger, string opd, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OPD {Opd}: reading its tickets failed; the list follows the stream meanwhile")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string opd);
}
