using Bengkulu112.ServiceDefaults.ClusterTls;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>
/// One cluster CA and node certificate for the whole test process, so test silos and API hosts talk mutual TLS like
/// deployed ones. Written to a temporary folder that goes away with the process.
/// </summary>
public static class TestCertificates
{
    private static readonly Lazy<ClusterCertificates.Files> Shared = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"b112-test-tls-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return ClusterCertificates.Write(folder, TimeSpan.FromDays(1), "Bengkulu112 test cluster CA");
    });

    public static ClusterCertificates.Files Cluster => Shared.Value;

    public static ClusterTlsSettings Settings => new()
    {
        CertificateFile = Cluster.CertificateFile,
        KeyFile = Cluster.KeyFile,
        CaFile = Cluster.CaFile,
    };

    /// <summary>The same settings as configuration keys (an API host's `Orleans:Tls:*`).</summary>
    public static IEnumerable<KeyValuePair<string, string>> ConfigurationKeys =>
    [
        new("Orleans:Tls:CertificateFile", Cluster.CertificateFile),
        new("Orleans:Tls:KeyFile", Cluster.KeyFile),
        new("Orleans:Tls:CaFile", Cluster.CaFile),
    ];
}
