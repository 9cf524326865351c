using System.Text.Json.Serialization;
using Bengkulu112.Api.Accounts;

namespace Bengkulu112.Api.Contracts;

/// <summary>
/// `User` of API.md (never the password or its hash); `POST /users` adds the one-time `initial_password` when the admin
/// gave none, the only time it is ever shown.
/// </summary>
public sealed record UserResponse(
    string Username,
    string DisplayName,
    string Role,
    string? Opd,
    bool Active,
    bool MustChangePassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InitialPassword = null)
{
    public static UserResponse From(UserAccount u, string? initialPassword = null) =>
        new(u.Username, u.DisplayName, u.Role, u.Opd, u.Active, u.MustChangePassword, u.CreatedAt, u.LastSignInAt, initialPassword);
}

/// <summary>`Session` of API.md: the access token and who it is for (the refresh token travels only in its cookie).</summary>
public sealed record SessionResponse(
    string AccessToken,
    string TokenType,
    int ExpiresIn,
    bool MustChangePassword,
    UserResponse User);

public sealed record LoginRequest(string? Username, string? Password);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record UserCreateRequest(string? Username, string? DisplayName, string? Role, string? Opd, string? Password);

public sealed record UserPatchRequest(string? DisplayName, string? Role, string? Opd, bool? Active);

public sealed record InitialPasswordResponse(string InitialPassword);
