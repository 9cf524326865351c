using Bengkulu112.Api.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Bengkulu112.Tests.Infrastructure;

/// <summary>A signing key file for a test API host, and tokens signed with it (or deliberately wrong ones).</summary>
public sealed class TestTokens : IDisposable
{
    public AuthSettings Settings { get; }
    public string KeyFile { get; }
    private readonly LocalTokenIssuer _issuer;

    public TestTokens()
    {
        KeyFile = System.IO.Path.GetTempFileName();
        File.WriteAllText(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)));
        Settings = new AuthSettings { SigningKeyFile = KeyFile };
        _issuer = new LocalTokenIssuer(Settings, LocalSigningKey.Load(Settings), TimeProvider.System);
    }

    public string For(string role, string? opd = null, TimeSpan? lifetime = null) =>
        _issuer.Issue($"test-{role}{(opd is null ? "" : "-" + opd)}", role, opd, lifetime);

    /// <summary>A token for a subject of the caller's choosing (each person has a rate limit of their own).</summary>
    public string ForSubject(string subject, string role, string? opd = null) => _issuer.Issue(subject, role, opd);

    /// <summary>A well-formed token signed with another key.</summary>
    public static string ForeignlySigned(string role)
    {
        var key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        return new LocalTokenIssuer(new AuthSettings(), key, TimeProvider.System).Issue("intruder", role);
    }

    /// <summary>A token signed with the right key whose lifetime ended an hour ago.</summary>
    public string Expired(string role)
    {
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        return new LocalTokenIssuer(Settings, LocalSigningKey.Load(Settings), past).Issue("late", role, lifetime: TimeSpan.FromHours(1));
    }

    public void Dispose() => File.Delete(KeyFile);
}
