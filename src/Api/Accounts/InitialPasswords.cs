using System.Security.Cryptography;

namespace Bengkulu112.Api.Accounts;

/// <summary>One-time passwords for new and reset accounts: 16 random characters without look-alikes (0/O, 1/l/I).</summary>
public static class InitialPasswords
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 16);
}
