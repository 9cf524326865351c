namespace Bengkulu112.Tests.Cluster.Probes;

/// <summary>A test-only grain that counts its reminder ticks in persistent state.</summary>
[Alias("Bengkulu112.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Arm")] Task Arm(TimeSpan period);
    [Alias("Ticks")] Task<int> Ticks();
}

[GenerateSerializer, Alias("Bengkulu112.Tests.ReminderProbeState")]
public sealed class ReminderProbeState
{
    [Id(0)] public int Ticks { get; set; }
}

public sealed class ReminderProbeGrain(
    [PersistentState("reminder-probe", "Default")] IPersistentState<ReminderProbeState> state) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task Arm(TimeSpan period) => await this.RegisterOrUpdateReminder("probe", period, period);

    public async Task<int> Ticks()
    {
        await state.ReadStateAsync();
        return state.State.Ticks;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
