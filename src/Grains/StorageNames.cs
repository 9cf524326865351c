namespace Bengkulu112;

/// <summary>Names of the grain storage providers the silos configure.</summary>
public static class StorageNames
{
    public const string Default = "Default";
    public const string PubSub = "PubSubStore";
}
