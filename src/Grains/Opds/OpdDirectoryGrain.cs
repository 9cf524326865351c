using Bengkulu112.Common;
namespace Bengkulu112.Opds;

public sealed class OpdDirectoryGrain(
    [PersistentState("opd-directory", StorageNames.Default)] IPersistentState<OpdDirectoryState> state)
    : Grain, IOpdDirectoryGrain
{
    // What readers see: the codes as last written (a change is written from a copy, then swapped in).
    private OpdDirectoryState _committed = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _committed = state.State;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetCodes() =>
        Task.FromResult<IReadOnlyList<string>>([.. _committed.Codes]);

    public async Task Register(string code)
    {
        if (_committed.Codes.Contains(code))
            return;
        var next = new OpdDirectoryState { Codes = new(_committed.Codes, StringComparer.Ordinal) { code } };
        await state.WriteCopyAsync(next, DeactivateOnIdle);
        _committed = next;
    }
}
