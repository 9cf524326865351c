using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Bengkulu112.ServiceDefaults.ClusterTls;

/// <summary>Turns on mutual TLS for a silo or a client from <see cref="ClusterTlsSettings"/>.</summary>
public static class ClusterTlsSetup
{
    /// <summary>The name every node asks for in the handshake; identity is proven by the CA, not by host names.</summary>
    public const string TargetHost = "bengkulu112-cluster";

    public static ClusterTlsSettings Settings(IConfiguration configuration) =>
        configuration.GetSection(ClusterTlsSettings.Section).Get<ClusterTlsSettings>() ?? new ClusterTlsSettings();

    public static ISiloBuilder UseBengkulu112Tls(this ISiloBuilder silo, ClusterTlsSettings settings)
    {
        if (Load(settings) is { } tls)
            silo.UseTls(tls.Certificate, o => Configure(o, tls));
        return silo;
    }

    public static IClientBuilder UseBengkulu112Tls(this IClientBuilder client, ClusterTlsSettings settings)
    {
        if (Load(settings) is { } tls)
            client.UseTls(tls.Certificate, o => Configure(o, tls));
        return client;
    }

    private sealed record Loaded(X509Certificate2 Certificate, X509Certificate2Collection Authorities);

    /// <summary>The node's certificate and the CA, or null when TLS is explicitly disabled; anything else missing throws.</summary>
    private static Loaded? Load(ClusterTlsSettings settings)
    {
        if (settings.Disabled)
            return null;
        var missing = new[]
        {
            (nameof(settings.CertificateFile), settings.CertificateFile),
            (nameof(settings.KeyFile), settings.KeyFile),
            (nameof(settings.CaFile), settings.CaFile),
        }.Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => "Orleans__Tls__" + s.Item1).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Cluster traffic must be mutual TLS: set {string.Join(", ", missing)} (./run.sh creates the files), " +
                "or Orleans__Tls__Disabled=true where nothing but the cluster can reach the silo and gateway ports.");
        foreach (var file in new[] { settings.CertificateFile!, settings.KeyFile!, settings.CaFile! }.Where(f => !File.Exists(f)))
            throw new InvalidOperationException($"The cluster TLS file {file} does not exist.");

        var certificate = X509Certificate2.CreateFromPemFile(settings.CertificateFile!, settings.KeyFile);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(settings.CaFile!);
        if (authorities.Count == 0)
            throw new InvalidOperationException($"The cluster CA file {settings.CaFile} holds no certificate.");
        if (!ClusterCertificateValidator.ChainsTo(certificate, authorities))
            throw new InvalidOperationException(
                $"The node certificate {settings.CertificateFile} is not issued by the cluster CA in {settings.CaFile}.");
        return new Loaded(certificate, authorities);
    }

    private static void Configure(TlsOptions options, Loaded tls)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate; // silo to silo, and the gateway's own
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate; // clients at the gateway
        options.RemoteCertificateValidation = (certificate, _, errors) =>
            (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0
            && ClusterCertificateValidator.ChainsTo(certificate, tls.Authorities);
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = TargetHost;
    }
}
