using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Common;
using Bengkulu112.Domain;
using Bengkulu112.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace Bengkulu112.Api.Endpoints;

/// <summary>The routing table: per category, its priority, the OPDs it goes to and its SLA deadlines.</summary>
public static class RoutingApi
{
    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        var routing = api.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/", List).RequireAuthorization(Policies.AnyRole);
        routing.MapGet("/{category}", Get).RequireAuthorization(Policies.AnyRole);
        routing.MapPut("/{category}", Put).RequireAuthorization(Policies.Admin);
        return api;
    }

    private static async Task<Ok<Page<RoutingRuleResponse>>> List(IClusterClient grains)
    {
        var rules = await grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).GetAll();
        return TypedResults.Ok(new Page<RoutingRuleResponse>([.. rules.Select(RoutingRuleResponse.From)], null));
    }

    private static async Task<Results<Ok<RoutingRuleResponse>, ProblemHttpResult>> Get(string category, IClusterClient grains)
    {
        if (!Categories.IsKnown(category))
            return UnknownCategory(category);
        var rule = await grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).Get(category);
        return TypedResults.Ok(RoutingRuleResponse.From(rule));
    }

    private static async Task<Results<Ok<RoutingRuleResponse>, ValidationProblem, ProblemHttpResult>> Put(
        string category, RoutingPutRequest body, ClaimsPrincipal user, IClusterClient grains, AuditLog audit)
    {
        if (!Categories.IsKnown(category))
            return UnknownCategory(category);
        var errors = new FieldErrors();
        if (body.Priority is null)
            errors.Add("priority", "is required");
        if (body.Deadlines is null)
            errors.Add("deadlines", "is required");
        else
        {
            if (body.Deadlines.Acknowledge is null)
                errors.Add("deadlines.acknowledge", "is required");
            if (body.Deadlines.OnScene is null)
                errors.Add("deadlines.on_scene", "is required");
            if (body.Deadlines.Resolve is null)
                errors.Add("deadlines.resolve", "is required");
        }
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var deadlines = new SlaDeadlines(body.Deadlines!.Acknowledge!.Value, body.Deadlines.OnScene!.Value,
            body.Deadlines.Resolve!.Value);
        var rule = new RoutingRule(category, body.Priority!.Value, body.PrimaryOpd, body.SupportingOpds ?? [], deadlines);
        var result = await grains.GetGrain<IRoutingGrain>(IRoutingGrain.Key).Put(rule, user.Actor());
        if (result.Failure is { } failure)
            return failure.ToProblem();
        var response = RoutingRuleResponse.From(result.Rule!);
        await audit.RecordAsync(user, "routing.put", $"routing:{category}", response);
        return TypedResults.Ok(response);
    }

    private static ProblemHttpResult UnknownCategory(string category) =>
        Problem.NotFound($"No category '{category}'.");
}
