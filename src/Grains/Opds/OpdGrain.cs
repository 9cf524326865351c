using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Bengkulu112.Opds;

[ImplicitStreamSubscription(TicketStreams.OpdNamespace)]
public sealed partial class OpdGrain(
    [PersistentState("opd", StorageNames.Default)] IPersistentState<OpdState> state,
    TimeProvider time,
    ILogger<OpdGrain> logger) : Grain, IOpdGrain
{
    private string Code => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An implicit subscription delivers to every activation of the stream's key; the handler must be attached
        // again by each activation (subscribing to an implicit stream registers nothing in the pub-sub store).
        var stream = this.GetStreamProvider(TicketStreams.Provider)
            .GetStream<TicketChanged>(StreamId.Create(TicketStreams.OpdNamespace, Code));
        await stream.SubscribeAsync((change, _) => OnTicketChanged(change));
    }

    public Task<OpdDetails?> Get() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

    public Task<IReadOnlyList<OpdTicket>> GetTickets() =>
        Task.FromResult(OpdTicketList.Sorted(state.State.OpenTickets.Values));

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
        Apply(definition, actor);
        await state.WriteOrForgetAsync(DeactivateOnIdle);
        return new OpdChangeResult(ToDetails(), created, null);
    }

    public async Task<bool> SeedIfAbsent(OpdDefinition definition)
    {
        if (state.RecordExists)
            return false;
        await GrainFactory.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).Register(Code);
        Apply(definition, "system:seed");
        await state.WriteOrForgetAsync(DeactivateOnIdle);
        return true;
    }

    private async Task OnTicketChanged(TicketChanged change)
    {
        // Writing here would bring an OPD into existence that nobody created.
        if (!state.RecordExists)
        {
            LogUnknownOpd(logger, Code, change.TicketId, change.Version);
            return;
        }
        // The list is changed before the await: a read interleaved with the write already sees it.
        if (!OpdTicketList.Apply(Code, change, state.State.OpenTickets, state.State.TicketVersions))
        {
            LogStaleChange(logger, Code, change.TicketId, change.Version);
            return;
        }
        try
        {
            await state.WriteOrForgetAsync(DeactivateOnIdle);
        }
        catch
        {
            // Memory now holds a version that storage does not: a redelivery would be taken for a repeat and never
            // written. Starting again from storage lets the redelivered change apply.
            DeactivateOnIdle();
            throw;
        }
    }

    private void Apply(OpdDefinition definition, string actor)
    {
        var now = time.GetUtcNow();
        var s = state.State;
        if (!state.RecordExists)
            s.CreatedAt = now;
        s.Name = definition.Name.Trim();
        s.Categories = [.. definition.Categories];
        s.BackupOpd = definition.BackupOpd;
        s.Active = definition.Active;
        s.UpdatedAt = now;
        s.UpdatedBy = actor;
    }

    private OpdDetails ToDetails()
    {
        var s = state.State;
        return new OpdDetails(Code, s.Name, s.Categories, s.BackupOpd, s.OpenTickets.Count, s.Active, s.UpdatedAt);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "OPD {Opd} does not exist: ignored ticket {TicketId} version {Version} from the ticket stream")]
    private static partial void LogUnknownOpd(ILogger logger, string opd, Guid ticketId, int version);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "OPD {Opd} ignored ticket {TicketId} version {Version}: already applied a newer or equal version")]
    private static partial void LogStaleChange(ILogger logger, string opd, Guid ticketId, int version);
}
