using Bengkulu112.Common;

namespace Bengkulu112.Opds;

public sealed class OpdGrain(
    [PersistentState("opd", StorageNames.Default)] IPersistentState<OpdState> state,
    TimeProvider time) : Grain, IOpdGrain
{
    private string Code => this.GetPrimaryKeyString();

    public Task<OpdDetails?> Get() =>
        Task.FromResult(state.RecordExists ? ToDetails() : null);

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
        await state.WriteStateAsync();
        return new OpdChangeResult(ToDetails(), created, null);
    }

    public async Task<bool> SeedIfAbsent(OpdDefinition definition)
    {
        if (state.RecordExists)
            return false;
        await GrainFactory.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).Register(Code);
        Apply(definition, "system:seed");
        await state.WriteStateAsync();
        return true;
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
        return new OpdDetails(Code, s.Name, s.Categories, s.BackupOpd, OpenTickets: 0, s.Active, s.UpdatedAt);
    }
}
