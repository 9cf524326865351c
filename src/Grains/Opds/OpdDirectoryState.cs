namespace Bengkulu112.Opds;

[GenerateSerializer, Alias("Bengkulu112.OpdDirectoryState")]
public sealed class OpdDirectoryState
{
    [Id(0)] public SortedSet<string> Codes { get; set; } = new(StringComparer.Ordinal);
}
