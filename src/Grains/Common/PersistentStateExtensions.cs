namespace Bengkulu112.Common;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; when the write fails, the activation's state is ahead of storage, so the activation is dropped
    /// (the next call reads storage again) rather than answering later calls from a change that was never stored.
    /// </summary>
    public static async Task WriteOrForgetAsync<T>(this IPersistentState<T> state, Action deactivateOnIdle)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            deactivateOnIdle();
            throw;
        }
    }
}
