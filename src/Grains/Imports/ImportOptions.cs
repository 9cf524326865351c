namespace Bengkulu112.Imports;

/// <summary>How history imports run (configuration section `Imports`).</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Rows committed per transaction (with the progress that counts them).</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Period of the durable reminder that takes a running import up again after its silo died.</summary>
    public TimeSpan BackstopPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The IANA time zone a time without an offset is read in (API.md: Asia/Jakarta).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";
}
