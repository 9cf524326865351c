using Orleans.Configuration;

namespace Bengkulu112.Silo.Hosting;

/// <summary>
/// How fast the silos declare a crashed silo dead (section `Orleans:Membership`). Until then, calls to the grains it
/// hosted fail: these settings bound how long a crash interrupts service. Orleans' defaults (probe every 5 s, table read
/// every 60 s, heartbeat row every 5 min) take 15–25 s to detect a kill and up to a minute to spread it; these values
/// detect one in a few seconds (three probes missed at 1 s; a refused connection fails a probe at once). A live silo
/// that is merely slow is protected by what Orleans adds before a vote: a probe through another silo (indirect probe),
/// and longer probe timeouts while the probing silo itself is degraded. The fail-over test measures the detection; a
/// minute with every core saturated must declare no live silo dead (MembershipUnderLoadTests).
/// </summary>
public sealed class MembershipSettings
{
    /// <summary>Each silo probes the silos it monitors this often; a probe unanswered within it counts as missed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Consecutive missed probes after which a silo votes the probed one dead.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Votes (from distinct silos, not yet expired) that declare a silo dead.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>A vote older than this no longer counts.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each silo re-reads the membership table (gossip spreads most changes sooner).</summary>
    public TimeSpan TableRefreshTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often each silo writes its heartbeat row. Silos starting up ignore entries whose heartbeat is older than two
    /// periods, so after a whole-cluster crash they start without waiting for the dead ones.
    /// </summary>
    public TimeSpan IAmAliveTablePublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public void ApplyTo(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.TableRefreshTimeout = TableRefreshTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
    }
}
