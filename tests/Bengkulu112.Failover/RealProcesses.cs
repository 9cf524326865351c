using Xunit;

namespace Bengkulu112.Failover;

/// <summary>Tests that start real silo, API and PostgreSQL processes run one after the other: they measure the machine.</summary>
[CollectionDefinition(Name)]
public sealed class RealProcesses
{
    public const string Name = "real processes";
}
