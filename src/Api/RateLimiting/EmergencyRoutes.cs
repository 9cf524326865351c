namespace Bengkulu112.Api.RateLimiting;

/// <summary>
/// The routes of an emergency's handling — recording and classifying calls, opening tickets and every ticket command,
/// acknowledging alerts — which no rate limit may refuse: a person working a flood of incidents must never be told to
/// wait. Their abuse is bounded by the accounts themselves (who did what is in every timeline).
/// </summary>
public static class EmergencyRoutes
{
    public static T NeverRateLimited<T>(this T route) where T : IEndpointConventionBuilder => route.DisableRateLimiting();
}
