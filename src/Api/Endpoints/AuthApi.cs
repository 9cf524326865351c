using Bengkulu112.Api.Accounts;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Json;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.RateLimiting;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace Bengkulu112.Api.Endpoints;

/// <summary>
/// Signing in and out (API.md "Accounts and sign-in"): a short-lived access token in the answer, the refresh token in
/// an HttpOnly cookie. Anonymous routes: the password, the cookie or the bearer token is the credential.
/// </summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Sign-in").AllowAnonymous();
        auth.MapPost("/login", Login).RequireRateLimiting(RateLimitSetup.LoginPolicy).HandlesNulText();
        auth.MapPost("/refresh", Refresh);
        auth.MapPost("/logout", Logout);
        return api;
    }

    private static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> Login(
        LoginRequest body, HttpContext http, SignIn signIn, AccessTokens tokens, AccountSettings settings)
    {
        if (!settings.LocalAccounts)
            return AccountProblems.LocalAccountsOff();
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.Username))
            errors.Add("username", "is required");
        if (string.IsNullOrEmpty(body.Password))
            errors.Add("password", "is required");
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var outcome = await signIn.RunAsync(body.Username!, body.Password!, http.Connection.RemoteIpAddress?.ToString());
        if (outcome.RetryAfter is { } wait)
            return AccountProblems.LockedOut(http.Response, wait);
        if (outcome.User is not { } user)
            return AccountProblems.SignInRefused();
        RefreshCookie.Set(http.Response, outcome.RefreshToken!, outcome.ExpiresAt);
        return TypedResults.Ok(tokens.Issue(user, outcome.Session));
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Refresh(HttpContext http, SessionStore sessions,
        UserStore users, AccessTokens tokens, AccountSettings settings, AuditLog audit, TimeProvider time)
    {
        if (!settings.LocalAccounts)
            return AccountProblems.LocalAccountsOff();
        if (RefreshCookie.Read(http.Request) is not { } token)
            return AccountProblems.RefreshRefused("No refresh cookie: sign in.");
        var now = time.GetUtcNow();
        var rotation = await sessions.RotateAsync(token, now);
        var user = rotation.UserId is { } id ? await users.FindByIdAsync(id) : null;
        if (rotation.Refusal == RotationRefusal.Reused && user is not null)
            await audit.RecordAsync(user.Username, user.DisplayName, AuditActions.RefreshReused, SignIn.AuditSubjectPrefix + user.Username,
                new { client_address = http.Connection.RemoteIpAddress?.ToString(), session = rotation.SessionId });
        if (rotation.Refusal is { } refusal || user is null || !user.Active)
        {
            if (rotation.Refusal is null && rotation.SessionId is { } orphan)
                await sessions.EndAsync(orphan, SessionEndReasons.Deactivated, now);
            RefreshCookie.Clear(http.Response);
            return AccountProblems.RefreshRefused(rotation.Refusal switch
            {
                RotationRefusal.Reused => "This refresh token was already used: the session has been ended. Sign in again.",
                RotationRefusal.Expired => "The session has reached its end. Sign in again.",
                _ => "The session has ended. Sign in again.",
            });
        }
        RefreshCookie.Set(http.Response, rotation.NextToken!, rotation.ExpiresAt);
        return TypedResults.Ok(tokens.Issue(user, rotation.SessionId!.Value));
    }

    /// <summary>Ends the session of the refresh cookie (or, without one, of the bearer token) and clears the cookie.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(HttpContext http, ClaimsPrincipal user,
        SessionStore sessions, UserStore users, AuditLog audit, TimeProvider time)
    {
        var now = time.GetUtcNow();
        (Guid Session, Guid User)? ended = null;
        if (RefreshCookie.Read(http.Request) is { } token)
            ended = await sessions.EndByTokenAsync(token, SessionEndReasons.Logout, now);
        else if (AccessTokens.SessionOf(user) is { } session && AccessTokens.AccountOf(user) is { } account)
        {
            await sessions.EndAsync(session, SessionEndReasons.Logout, now);
            ended = (session, account);
        }
        RefreshCookie.Clear(http.Response);
        if (ended is not { } signedOut)
            return AccountProblems.RefreshRefused("Not signed in: neither a refresh cookie nor a session's bearer token was sent.");
        if (await users.FindByIdAsync(signedOut.User) is { } who)
            await audit.RecordAsync(who.Username, who.DisplayName, AuditActions.SignOut, SignIn.AuditSubjectPrefix + who.Username,
                new { session = signedOut.Session });
        return TypedResults.NoContent();
    }
}
