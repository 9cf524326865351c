using System.Security.Claims;
using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.Validation;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Endpoints;

/// <summary>Accounts, kept by admins: create, list, change, deactivate, reset the password (API.md "Accounts and sign-in").</summary>
public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        users.MapGet("/", List);
        users.MapPost("/", Create);
        users.MapGet("/{username}", Get);
        users.MapPatch("/{username}", Patch);
        users.MapPost("/{username}/reset-password", ResetPassword);
        return api;
    }

    private static async Task<Results<Ok<Page<UserResponse>>, ValidationProblem>> List(HttpRequest request, UserStore users)
    {
        var filter = UserListFilter.Parse(request.Query, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        var found = await users.ListAsync(filter.Role, filter.Opd, filter.Active, filter.After, filter.Limit + 1);
        var page = found.Take(filter.Limit).Select(u => UserResponse.From(u)).ToList();
        var next = found.Count > filter.Limit ? UserListFilter.Cursor(page[^1].Username) : null;
        return TypedResults.Ok(new Page<UserResponse>(page, next));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(string username, UserStore users) =>
        await Find(username, users) is { } user ? TypedResults.Ok(UserResponse.From(user)) : AccountProblems.NoSuchUser(username);

    /// <summary>Every new account must choose its own password at first sign-in, also when the admin gave one.</summary>
    private static async Task<Results<Created<UserResponse>, ValidationProblem, ProblemHttpResult>> Create(
        UserCreateRequest body, ClaimsPrincipal user, UserStore users, IClusterClient grains, AuditLog audit, TimeProvider time)
    {
        var errors = new FieldErrors();
        UserValidation.Username(body.Username, errors);
        var displayName = UserValidation.DisplayName(body.DisplayName, errors);
        var role = UserValidation.Role(body.Role, errors);
        var opd = role is null ? null : UserValidation.Opd(role, body.Opd, errors);
        if (body.Password is not null && body.Username is not null && PasswordRules.Refusal(body.Password, body.Username) is { } refusal)
            errors.Add("password", refusal);
        if (errors.IsEmpty)
            await UserValidation.CheckInDirectoryAsync(opd, grains, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var initial = body.Password is null ? InitialPasswords.New() : null;
        var account = new UserAccount(Guid.NewGuid(), body.Username!, displayName!, role!, opd, Active: true,
            MustChangePassword: true, PasswordHashing.Hash(body.Password ?? initial!), time.GetUtcNow(), null);
        if (!await users.CreateAsync(account))
            return AccountProblems.UsernameTaken(account.Username);
        await audit.RecordAsync(user, AuditActions.UserCreate, SignIn.AuditSubjectPrefix + account.Username,
            new { username = account.Username, display_name = account.DisplayName, role = account.Role, opd = account.Opd });
        return TypedResults.Created($"/api/v1/users/{account.Username}", UserResponse.From(account, initial));
    }

    /// <summary>Deactivation and a new role or OPD end the user's sessions at once (their tokens carry the old ones).</summary>
    private static async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> Patch(string username,
        UserPatchRequest body, ClaimsPrincipal user, UserStore users, IClusterClient grains, AuditLog audit, TimeProvider time)
    {
        if (await Find(username, users) is not { } current)
            return AccountProblems.NoSuchUser(username);
        var errors = new FieldErrors();
        var displayName = body.DisplayName is null ? current.DisplayName : UserValidation.DisplayName(body.DisplayName, errors);
        var role = body.Role is null ? current.Role : UserValidation.Role(body.Role, errors);
        var opd = role == Roles.Opd && body.Opd is null && current.Role == Roles.Opd
            ? current.Opd
            : role is null ? null : UserValidation.Opd(role, body.Opd, errors);
        if (errors.IsEmpty && opd != current.Opd)
            await UserValidation.CheckInDirectoryAsync(opd, grains, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var changed = current with { DisplayName = displayName!, Role = role!, Opd = opd, Active = body.Active ?? current.Active };
        var deactivated = current.Active && !changed.Active;
        var rebound = changed.Role != current.Role || changed.Opd != current.Opd;
        var reason = deactivated ? SessionEndReasons.Deactivated : SessionEndReasons.RoleChanged;
        var removesAdmin = current is { Role: Roles.Admin, Active: true } && changed is not { Role: Roles.Admin, Active: true };
        switch (await users.UpdateAsync(changed, endSessions: deactivated || rebound, removesAdmin, reason, time.GetUtcNow()))
        {
            case UserChange.NotFound:
                return AccountProblems.NoSuchUser(username);
            case UserChange.LastAdmin:
                return AccountProblems.LastAdmin();
        }
        await audit.RecordAsync(user, AuditActions.UserUpdate, SignIn.AuditSubjectPrefix + changed.Username, new
        {
            display_name = changed.DisplayName, role = changed.Role, opd = changed.Opd, active = changed.Active,
            sessions_ended = deactivated || rebound,
        });
        return TypedResults.Ok(UserResponse.From(changed));
    }

    private static async Task<Results<Ok<InitialPasswordResponse>, ProblemHttpResult>> ResetPassword(string username,
        ClaimsPrincipal user, UserStore users, AuditLog audit, TimeProvider time)
    {
        if (await Find(username, users) is not { } account)
            return AccountProblems.NoSuchUser(username);
        var initial = InitialPasswords.New();
        await users.SetPasswordAsync(account.Id, PasswordHashing.Hash(initial), mustChange: true, keepSession: null,
            SessionEndReasons.PasswordReset, time.GetUtcNow());
        await audit.RecordAsync(user, AuditActions.PasswordReset, SignIn.AuditSubjectPrefix + account.Username);
        return TypedResults.Ok(new InitialPasswordResponse(initial));
    }

    private static async Task<UserAccount?> Find(string username, UserStore users) =>
        Usernames.IsValid(username) ? await users.FindByUsernameAsync(username) : null;
}
