using System.Globalization;
using System.Security.Claims;
using Bengkulu112.Alerts;
using Bengkulu112.Api.Alerts;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bengkulu112.Api.Endpoints;

/// <summary>Supervisor alerts: SLA breaches and overdue escalations raised by the ticket grains (API.md *Alerts*).</summary>
public static class AlertsApi
{
    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization(Policies.Supervisor);
        alerts.MapGet("/", List);
        alerts.MapPost("/{id}/acknowledge", Acknowledge).NeverRateLimited();
        return api;
    }

    private static async Task<Results<Ok<Page<AlertResponse>>, ValidationProblem>> List(HttpRequest request, AlertQueries queries)
    {
        var filter = AlertListFilter.Parse(request.Query, out var errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        return TypedResults.Ok(await queries.ListAsync(filter));
    }

    /// <summary>Idempotent: acknowledging again answers the first acknowledgement unchanged.</summary>
    private static async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> Acknowledge(string id, ClaimsPrincipal user,
        AlertAcknowledgements acknowledgements, TimeProvider time)
    {
        if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var alertId)
            && await acknowledgements.AcknowledgeAsync(alertId, user.Actor(), user.ActorName(), time.GetUtcNow()) is { } alert)
            return TypedResults.Ok(alert);
        return Problem.NotFound($"No alert with id {id}.");
    }
}
