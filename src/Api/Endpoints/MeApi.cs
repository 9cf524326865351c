using System.Security.Claims;
using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Endpoints;

/// <summary>The signed-in person's own account: who they are, and choosing their password.</summary>
public static class MeApi
{
    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization(Policies.AnyRole);
        me.MapGet("/", Get);
        me.MapPost("/password", ChangePassword);
        return api;
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Get(ClaimsPrincipal user, UserStore users) =>
        AccessTokens.AccountOf(user) is { } id && await users.FindByIdAsync(id) is { } account
            ? TypedResults.Ok(UserResponse.From(account))
            : AccountProblems.NotAnAccount();

    /// <summary>Ends the person's other sessions; this one goes on (its next refresh carries the cleared flag).</summary>
    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        PasswordChangeRequest body, ClaimsPrincipal user, UserStore users, AuditLog audit, TimeProvider time)
    {
        if (AccessTokens.AccountOf(user) is not { } id || await users.FindByIdAsync(id) is not { } account)
            return AccountProblems.NotAnAccount();
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(body.CurrentPassword))
            errors.Add("current_password", "is required");
        if (string.IsNullOrEmpty(body.NewPassword))
            errors.Add("new_password", "is required");
        else if (PasswordRules.Refusal(body.NewPassword, account.Username) is { } refusal)
            errors.Add("new_password", refusal);
        if (!string.IsNullOrEmpty(body.CurrentPassword) && PasswordHashing.Verify(account.PasswordHash, body.CurrentPassword) == PasswordCheck.Wrong)
            errors.Add("current_password", "is not the current password");
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        await users.SetPasswordAsync(account.Id, PasswordHashing.Hash(body.NewPassword!), mustChange: false,
            keepSession: AccessTokens.SessionOf(user), SessionEndReasons.PasswordChanged, time.GetUtcNow());
        await audit.RecordAsync(user, AuditActions.PasswordChange, SignIn.AuditSubjectPrefix + account.Username);
        return TypedResults.NoContent();
    }
}
