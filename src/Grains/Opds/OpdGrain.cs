using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Bengkulu112.Opds;

/// <summary>
/// One OPD: its definition (grain state) and its open-ticket list. The list follows the ticket stream as changes
/// happen, and is read again from the tickets table at activation and every
/// <see cref="OpdTicketOptions.ReconcilePeriod"/>: a stream message lost with a dying silo (marked published once it
/// was queued) is repaired within that period, and the list is never written per change.
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

    // The reconcile in which each listed ticket was last read from the table (what was not read is no longer listed).
    private readonly Dictionary<Guid, long> listedInRound = [];
    private long reconcileRound;

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
            await ActivationReads.GuardAsync(ReconcileAsync());
        var period = options.Value.ReconcilePeriod;
        this.RegisterGrainTimer(ReconcileOnTimerAsync, new GrainTimerCreationOptions(period, period));
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
    /// after its commit). Versions applied from the stream are kept, so a late repeat of an older change is ignored.
    /// Updated in place: an OPD may hold very many tickets, and rebuilding its list every period would leave large
    /// garbage for the collector each time.
    /// </summary>
    private async Task<int> ReconcileAsync()
    {
        var round = ++reconcileRound;
        var repaired = 0;
        foreach (var ticket in await tickets.InHandsOfAsync(Code))
        {
            if (OpdTicketList.RoleOf(Code, ticket) is null)
                continue;
            listedInRound[ticket.TicketId] = round;
            if (open.TryGetValue(ticket.TicketId, out var known) && known.Version >= ticket.Version)
                continue;
            versions.Remove(ticket.TicketId); // the table is never behind the stream: its version wins
            OpdTicketList.Apply(Code, ticket, open, versions);
            repaired++;
        }
        var gone = open.Keys.Where(id => listedInRound.GetValueOrDefault(id) != round).ToList();
        foreach (var id in gone)
        {
            open.Remove(id);
            listedInRound.Remove(id);
        }
        return repaired + gone.Count;
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
