using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Auth;
using Bengkulu112.Common;
using Bengkulu112.Opds;

namespace Bengkulu112.Api.Validation;

/// <summary>The fields of an account as an admin gives them (`POST /users`, `PATCH /users/{username}`).</summary>
public static class UserValidation
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The display name trimmed, or null with an error when it is empty, too long or holds control characters.</summary>
    public static string? DisplayName(string? value, FieldErrors errors)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("display_name", "is required");
        else if (name.Length > MaxDisplayNameLength)
            errors.Add("display_name", $"must be at most {MaxDisplayNameLength} characters long");
        else if (name.Any(char.IsControl))
            errors.Add("display_name", "must not contain control characters");
        else
            return name;
        return null;
    }

    public static string? Role(string? value, FieldErrors errors)
    {
        if (Roles.IsKnown(value))
            return value;
        errors.Add("role", value is null ? "is required" : $"must be one of {string.Join(", ", Roles.All)}");
        return null;
    }

    /// <summary>The OPD of a user with <paramref name="role"/>: required for `opd` users, refused for others.</summary>
    public static string? Opd(string? role, string? value, FieldErrors errors)
    {
        if (role != Roles.Opd)
        {
            if (value is not null)
                errors.Add("opd", "is only for users with role opd");
            return null;
        }
        if (value is null)
            errors.Add("opd", "is required for role opd");
        else if (!OpdCode.IsValid(value))
            errors.Add("opd", "is not an OPD code");
        else
            return value;
        return null;
    }

    /// <summary>Adds an error unless <paramref name="opd"/> is in the OPD directory.</summary>
    public static async Task CheckInDirectoryAsync(string? opd, IClusterClient grains, FieldErrors errors)
    {
        if (opd is not null && await grains.GetGrain<IOpdGrain>(opd).Get() is null)
            errors.Add("opd", $"'{opd}' is not in the OPD directory");
    }

    public static void Username(string? value, FieldErrors errors)
    {
        if (value is null)
            errors.Add("username", "is required");
        else if (!Usernames.IsValid(value))
            errors.Add("username", Usernames.Rule);
    }
}
