using Orleans.Concurrency;

namespace Bengkulu112.Opds;

/// <summary>The list of known OPD codes (a single activation, key <see cref="Key"/>).</summary>
[Alias("Bengkulu112.IOpdDirectoryGrain")]
public interface IOpdDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [AlwaysInterleave, Alias("GetCodes")]
    Task<IReadOnlyList<string>> GetCodes();

    [Alias("Register")]
    Task Register(string code);
}
