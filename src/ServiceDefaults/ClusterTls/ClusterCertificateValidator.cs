using System.Security.Cryptography.X509Certificates;

namespace Bengkulu112.ServiceDefaults.ClusterTls;

/// <summary>
/// A peer is one of the cluster when its certificate chains to the cluster CA alone (not to the machine's trusted
/// roots: a certificate any public CA issued must not open the gateway) and is valid now.
/// </summary>
public static class ClusterCertificateValidator
{
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a private CA publishes no revocation list
        chain.ChainPolicy.VerificationTime = DateTime.Now;
        return chain.Build(certificate);
    }
}
