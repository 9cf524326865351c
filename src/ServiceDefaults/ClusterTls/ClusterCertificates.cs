using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Bengkulu112.ServiceDefaults.ClusterTls;

/// <summary>
/// Makes a cluster CA and a node certificate issued by it, as PEM files (`ca.crt`, `tls.crt`, `tls.key`: the names a
/// Kubernetes TLS secret uses). For local runs and tests; a deployment brings its own from its PKI.
/// </summary>
public static class ClusterCertificates
{
    public const string CaFileName = "ca.crt";
    public const string CertificateFileName = "tls.crt";
    public const string KeyFileName = "tls.key";

    public sealed record Files(string CaFile, string CertificateFile, string KeyFile);

    /// <summary>Writes a new CA and node certificate into <paramref name="folder"/> (key files mode 600).</summary>
    public static Files Write(string folder, TimeSpan lifetime, string caName = "Bengkulu112 local cluster CA")
    {
        Directory.CreateDirectory(folder);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var ca = caRequest.CreateSelfSigned(notBefore, notBefore + lifetime);

        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var nodeRequest = new CertificateRequest("CN=bengkulu112-node", nodeKey, HashAlgorithmName.SHA256);
        nodeRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        nodeRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        nodeRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(ClusterTlsSetup.TargetHost);
        nodeRequest.CertificateExtensions.Add(names.Build());
        using var node = nodeRequest.Create(ca, notBefore, notBefore + lifetime, RandomNumberGenerator.GetBytes(16));

        var files = new Files(Path.Combine(folder, CaFileName), Path.Combine(folder, CertificateFileName),
            Path.Combine(folder, KeyFileName));
        File.WriteAllText(files.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(files.CertificateFile, node.ExportCertificatePem());
        WritePrivate(files.KeyFile, nodeKey.ExportPkcs8PrivateKeyPem());
        return files;
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(path, content);
    }
}
