using Microsoft.IdentityModel.Tokens;

namespace Bengkulu112.Api.Auth;

/// <summary>The symmetric key of locally issued tokens, read from <see cref="AuthSettings.SigningKeyFile"/>.</summary>
public static class LocalSigningKey
{
    public const int MinimumBytes = 32;

    public static SymmetricSecurityKey Load(AuthSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.SigningKeyFile))
            throw new InvalidOperationException(
                "No token signing key: set Auth__SigningKeyFile (./run.sh creates one) or Auth__Authority for an external issuer.");
        if (!File.Exists(settings.SigningKeyFile))
            throw new InvalidOperationException($"The token signing key file {settings.SigningKeyFile} does not exist.");

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(settings.SigningKeyFile).Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The token signing key file {settings.SigningKeyFile} is not base64.");
        }
        if (key.Length < MinimumBytes)
            throw new InvalidOperationException($"The token signing key must be at least {MinimumBytes} bytes.");
        return new SymmetricSecurityKey(key) { KeyId = "local" };
    }
}
