namespace Bengkulu112.Common;

/// <summary>
/// How every grain changes its state: it changes a copy, writes the copy, and only then lets readers see it. The one
/// policy after a failed write: the write may have been stored although its answer was lost, so the activation no
/// longer knows what storage holds; it forgets what it holds (reads storage again before serving another call) and
/// the failure goes to the caller.
/// </summary>
public static class PersistentStateExtensions
{
    /// <summary>Runs <paramref name="write"/>; when it fails, calls <paramref name="forget"/> and rethrows.</summary>
    public static async Task ForgetOnFailureAsync(this Task write, Action forget)
    {
        try
        {
            await write;
        }
        catch
        {
            forget();
            throw;
        }
    }

    /// <inheritdoc cref="ForgetOnFailureAsync(Task, Action)"/>
    public static async Task<T> ForgetOnFailureAsync<T>(this Task<T> write, Action forget)
    {
        try
        {
            return await write;
        }
        catch
        {
            forget();
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> (a changed copy of the state) through Orleans grain storage. Readers of the grain
    /// must read the committed copy the grain keeps, and the grain swaps <paramref name="next"/> in after this returns;
    /// on failure the storage buffer goes back to what was committed and the activation is dropped.
    /// </summary>
    public static async Task WriteCopyAsync<T>(this IPersistentState<T> state, T next, Action deactivateOnIdle)
    {
        var committed = state.State;
        state.State = next;
        await state.WriteStateAsync().ForgetOnFailureAsync(() =>
        {
            state.State = committed;
            deactivateOnIdle();
        });
    }
}
