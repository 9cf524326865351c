namespace Bengkulu112.Api.Auth;

/// <summary>The roles of SPEC.md §3, as they appear in the token's `role` claim.</summary>
public static class Roles
{
    public const string CallTaker = "calltaker";
    public const string Opd = "opd";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [CallTaker, Opd, Supervisor, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}

/// <summary>The claim names Bengkulu112 tokens carry.</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Opd = "opd";

    /// <summary>A person's display name (account tokens; programs' tokens have none).</summary>
    public const string Name = "name";

    /// <summary>A person's username (account tokens, whose `sub` is the account's stable id).</summary>
    public const string Username = "preferred_username";

    /// <summary>The session an account token belongs to, so feeds can end with it.</summary>
    public const string SessionId = "sid";

    /// <summary>Present (`true`) while the account must choose a new password before anything else.</summary>
    public const string PasswordChangeRequired = "pwd_change";
}
