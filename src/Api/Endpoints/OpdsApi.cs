using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Common;
using Bengkulu112.Opds;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;

namespace Bengkulu112.Api.Endpoints;

/// <summary>The OPD directory: who the agencies are and which categories they serve.</summary>
public static class OpdsApi
{
    public static RouteGroupBuilder MapOpdsApi(this RouteGroupBuilder api)
    {
        var opds = api.MapGroup("/opds").WithTags("OPDs");
        opds.MapGet("/", List).RequireAuthorization(Policies.AnyRole);
        opds.MapGet("/{code}", Get).RequireAuthorization(Policies.AnyRole);
        opds.MapPut("/{code}", Put).RequireAuthorization(Policies.Admin);
        opds.MapGet("/{code}/tickets", Tickets).RequireAuthorization(Policies.RouteOpdOrSupervisor);
        return api;
    }

    private static async Task<Ok<Page<OpdResponse>>> List(IClusterClient grains)
    {
        var codes = await grains.GetGrain<IOpdDirectoryGrain>(IOpdDirectoryGrain.Key).GetCodes();
        var opds = await Task.WhenAll(codes.Select(c => grains.GetGrain<IOpdGrain>(c).Get()));
        // A code registered by a write that never completed has no OPD behind it: skip it.
        var items = opds.OfType<OpdDetails>().Select(OpdResponse.From).ToList();
        return TypedResults.Ok(new Page<OpdResponse>(items, null));
    }

    private static async Task<Results<Ok<OpdResponse>, ProblemHttpResult>> Get(string code, IClusterClient grains)
    {
        if (!OpdCode.IsValid(code))
            return NoSuchOpd(code);
        var opd = await grains.GetGrain<IOpdGrain>(code).Get();
        return opd is null ? NoSuchOpd(code) : TypedResults.Ok(OpdResponse.From(opd));
    }

    /// <summary>All open tickets fit in one page (a few a week at this center), so there is never a next cursor.</summary>
    private static async Task<Results<Ok<Page<OpdTicketResponse>>, ProblemHttpResult>> Tickets(
        string code, ClaimsPrincipal user, IClusterClient grains)
    {
        if (!OpdCode.IsValid(code))
            return NoSuchOpd(code);
        var opd = grains.GetGrain<IOpdGrain>(code);
        if (await opd.Get() is null)
            return NoSuchOpd(code);
        var tickets = await opd.GetTickets();
        return TypedResults.Ok(new Page<OpdTicketResponse>([.. tickets.Select(OpdTicketResponse.From)], null));
    }

    private static async Task<Results<Ok<OpdResponse>, Created<OpdResponse>, ValidationProblem, ProblemHttpResult>> Put(
        string code, OpdPutRequest body, ClaimsPrincipal user, IClusterClient grains, AuditLog audit)
    {
        var errors = new FieldErrors();
        if (body.Name is null)
            errors.Add("name", "is required");
        if (body.Categories is null)
            errors.Add("categories", "is required (may be empty)");
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var definition = new OpdDefinition(body.Name!, body.Categories!, body.BackupOpd, body.Active ?? true);
        var local = OpdDefinitionValidator.Validate(code, definition);
        if (!local.IsEmpty)
            return Problem.Validation(local);

        var result = await grains.GetGrain<IOpdGrain>(code).Put(definition, user.Actor());
        if (result.Failure is { } failure)
            return failure.ToProblem();
        var response = OpdResponse.From(result.Opd!);
        await audit.RecordAsync(user, result.Created ? "opd.create" : "opd.update", $"opd:{code}", response);
        return result.Created
            ? TypedResults.Created($"/api/v1/opds/{code}", response)
            : TypedResults.Ok(response);
    }

    private static ProblemHttpResult NoSuchOpd(string code) => Problem.NotFound($"No OPD with code '{code}'.");
}
