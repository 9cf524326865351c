using Bengkulu112.Common;
namespace Bengkulu112.Opds;

public sealed class OpdDirectoryGrain(
    [PersistentState("opd-directory", StorageNames.Default)] IPersistentState<OpdDirectoryState> state)
    : Grain, IOpdDirectoryGrain
{
    public Task<IReadOnlyList<string>> GetCodes() =>
        Task.FromResult<IReadOnlyList<string>>([.. state.State.Codes]);

    public async Task Register(string code)
    {
        if (state.State.Codes.Add(code))
            await state.WriteOrForgetAsync(DeactivateOnIdle);
    }
}
