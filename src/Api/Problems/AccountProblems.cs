using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Problems;

/// <summary>The problems of signing in and of accounts (API.md "Accounts and sign-in").</summary>
public static class AccountProblems
{
    public const string TypePrefix = "urn:bengkulu112:problem:";
    public const string PasswordChangeRequiredType = TypePrefix + "password-change-required";

    /// <summary>The same answer for an unknown user, a wrong password and an inactive account.</summary>
    public static ProblemHttpResult SignInRefused() => TypedResults.Problem(
        "The username or password is wrong, or the account is not active.", statusCode: StatusCodes.Status401Unauthorized,
        title: "Sign-in refused", type: TypePrefix + "sign-in-refused");

    public static ProblemHttpResult LockedOut(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem("Too many failed sign-ins for this username; retry after the time in Retry-After.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Locked out", type: TypePrefix + "locked-out");
    }

    public static ProblemHttpResult LocalAccountsOff() => TypedResults.Problem(
        "Sign-in with a local username and password is turned off here; sign in through the identity provider.",
        statusCode: StatusCodes.Status403Forbidden, title: "Local accounts are off", type: TypePrefix + "local-accounts-disabled");

    public static ProblemHttpResult RefreshRefused(string detail) => TypedResults.Problem(detail,
        statusCode: StatusCodes.Status401Unauthorized, title: "Session ended", type: TypePrefix + "session-ended");

    public static ProblemHttpResult NotAnAccount() => Problem.NotFound(
        "This token belongs to a program, not to a person's account.");

    public static ProblemHttpResult NoSuchUser(string username) => Problem.NotFound($"No user '{username}'.");

    public static ProblemHttpResult UsernameTaken(string username) => TypedResults.Problem(
        $"The username '{username}' is taken.", statusCode: StatusCodes.Status409Conflict, title: "Username exists");

    public static ProblemHttpResult LastAdmin() => TypedResults.Problem(
        "This change would leave no active admin account.", statusCode: StatusCodes.Status409Conflict, title: "Last admin");
}
