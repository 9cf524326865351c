using Microsoft.AspNetCore.Identity;

namespace Bengkulu112.Api.Accounts;

/// <summary>
/// Slow salted password hashes by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with
/// HMAC-SHA512, its current format and iteration count). The hasher does not look at the user, so none is passed.
/// </summary>
public static class PasswordHashing
{
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object NoUser = new();

    /// <summary>Checked when there is no account to check against, so an unknown username costs as long as a known one.</summary>
    private static readonly Lazy<string> Decoy = new(() => Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public static string Hash(string password) => Hasher.HashPassword(NoUser, password);

    public static PasswordCheck Verify(string? hash, string password)
    {
        if (hash is null)
        {
            Hasher.VerifyHashedPassword(NoUser, Decoy.Value, password);
            return PasswordCheck.Wrong;
        }
        return Hasher.VerifyHashedPassword(NoUser, hash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Right,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButRehash,
            _ => PasswordCheck.Wrong,
        };
    }
}

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
