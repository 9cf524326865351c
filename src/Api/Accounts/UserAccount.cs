namespace Bengkulu112.Api.Accounts;

/// <summary>A row of `app_users`: one person who signs in. <see cref="Id"/> is their tokens' stable `sub`.</summary>
public sealed record UserAccount(
    Guid Id,
    string Username,
    string DisplayName,
    string Role,
    string? Opd,
    bool Active,
    bool MustChangePassword,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt);
