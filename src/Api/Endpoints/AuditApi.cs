using System.Globalization;
using System.Security.Claims;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Endpoints;

/// <summary>
/// The audit trail of changes outside ticket timelines (an addition to API.md). Entries about callers (flags) are
/// shown to supervisors only.
/// </summary>
public static class AuditApi
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithTags("Audit").RequireAuthorization(Policies.SupervisorOrAdmin);
        return api;
    }

    private static async Task<Results<Ok<Page<AuditLog.Entry>>, ValidationProblem>> List(
        string? subject, string? limit, string? cursor, AuditLog audit, ClaimsPrincipal user)
    {
        var errors = new FieldErrors();
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > MaxLimit))
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                before = id;
            else
                errors.Add("cursor", "is not a cursor this API gave out");
        }
        if (subject is { Length: > 200 })
            errors.Add("subject", "must be at most 200 characters");
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        // Phone numbers are for call takers and supervisors (SPEC.md §3): an admin sees no entry about a caller, and
        // asking for one by number answers an empty page, so the log cannot tell an admin which numbers called.
        var entries = await audit.ListAsync(subject, before, take + 1, withCallers: user.IsInRole(Roles.Supervisor));
        var page = entries.Take(take).ToList();
        var next = entries.Count > take ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<AuditLog.Entry>(page, next));
    }
}
