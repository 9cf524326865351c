using System.Globalization;
using System.Security.Claims;
using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Idempotency;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Common;
using Bengkulu112.Opds;
using Bengkulu112.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Bengkulu112.Api.Endpoints;

/// <summary>Outgoing webhooks (admin only): subscribe a URL to ticket changes and alerts, and see how deliveries went.</summary>
public static class WebhooksApi
{
    /// <summary>Where an Idempotency-Key of `POST /webhooks` derives the new webhook's id.</summary>
    private const string CreateScope = "POST /webhooks";

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Admin);
        webhooks.MapPost("/", Create);
        webhooks.MapGet("/", List);
        webhooks.MapGet("/{id}", Get);
        webhooks.MapDelete("/{id}", Delete);
        webhooks.MapPost("/{id}/secret", RotateSecret);
        webhooks.MapGet("/{id}/deliveries", Deliveries);
        return api;
    }

    private static async Task<Results<Created<WebhookResponse>, ValidationProblem, ProblemHttpResult>> Create(
        WebhookCreateRequest body, HttpRequest request, ClaimsPrincipal user, IClusterClient grains,
        IOptions<JsonOptions> json, AuditLog audit)
    {
        var errors = new FieldErrors();
        var key = IdempotencyKey.From(request, errors);
        if (body.Url is null)
            errors.Add("url", "is required");
        if (body.Events is null)
            errors.Add("events", "is required");
        if (body.Secret is null)
            errors.Add("secret", "is required");
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var definition = new WebhookDefinition(body.Url!.Trim(), body.Events!, body.Opd, body.Secret!);
        errors = WebhookDefinitionValidator.Validate(definition);
        if (errors.IsEmpty && definition.Opd is { } opd && await grains.GetGrain<IOpdGrain>(opd).Get() is null)
            errors.Add("opd", $"no OPD with code '{opd}'");
        if (!errors.IsEmpty)
            return Problem.Validation(errors);

        var actor = user.ToActor();
        var id = key?.DeriveId(CreateScope, actor) ?? Guid.NewGuid();
        var result = await grains.GetGrain<IWebhookGrain>(id)
            .Create(definition, actor.Name, IdempotencyKey.Fingerprint(body, json));
        if (result.Failure is { } failure)
            return failure.ToProblem();
        var created = WebhookResponse.From(result.Webhook!);
        await audit.RecordAsync(user, "webhook.create", $"webhook:{id}",
            new { created.Url, created.Events, created.Opd });
        return TypedResults.Created($"/api/v1/webhooks/{id}", created);
    }

    private static async Task<Results<Ok<Page<WebhookResponse>>, ValidationProblem>> List(
        string? limit, string? cursor, WebhookQueries queries)
    {
        var errors = new FieldErrors();
        var size = PageQuery.Limit(limit, errors);
        TicketCursor? after = null;
        if (cursor is not null && !TicketCursor.TryParse(cursor, out after))
            errors.Add("cursor", "is not a cursor this API gave out");
        return errors.IsEmpty ? TypedResults.Ok(await queries.ListAsync(size, after)) : Problem.Validation(errors);
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> Get(string id, WebhookQueries queries) =>
        Guid.TryParse(id, out var webhookId) && await queries.GetAsync(webhookId) is { } webhook
            ? TypedResults.Ok(webhook)
            : NoSuchWebhook(id);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string id, ClaimsPrincipal user, IClusterClient grains, AuditLog audit)
    {
        if (!Guid.TryParse(id, out var webhookId) || !await grains.GetGrain<IWebhookGrain>(webhookId).Delete())
            return NoSuchWebhook(id);
        await audit.RecordAsync(user, "webhook.delete", $"webhook:{webhookId}");
        return TypedResults.NoContent();
    }

    /// <summary>A new signing secret; the old one keeps signing beside it for the overlap, so receivers can switch.</summary>
    private static async Task<Results<Ok<WebhookResponse>, ValidationProblem, ProblemHttpResult>> RotateSecret(
        string id, WebhookSecretRequest body, ClaimsPrincipal user, IClusterClient grains, AuditLog audit)
    {
        if (!Guid.TryParse(id, out var webhookId))
            return NoSuchWebhook(id);
        var errors = new FieldErrors();
        if (body.Secret is null)
            errors.Add("secret", "is required");
        else
            WebhookDefinitionValidator.ValidateSecret(body.Secret, errors);
        if (!errors.IsEmpty)
            return Problem.Validation(errors);
        if (await grains.GetGrain<IWebhookGrain>(webhookId).RotateSecret(body.Secret!) is not { } rotated)
            return NoSuchWebhook(id);
        await audit.RecordAsync(user, "webhook.rotate_secret", $"webhook:{webhookId}",
            new { previous_secret_expires_at = rotated.PreviousSecretUntil });
        return TypedResults.Ok(WebhookResponse.From(rotated));
    }

    private static async Task<Results<Ok<Page<WebhookDeliveryResponse>>, ValidationProblem, ProblemHttpResult>> Deliveries(
        string id, string? limit, string? cursor, WebhookQueries queries)
    {
        if (!Guid.TryParse(id, out var webhookId) || await queries.GetAsync(webhookId) is null)
            return NoSuchWebhook(id);
        var errors = new FieldErrors();
        var size = PageQuery.Limit(limit, errors);
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                before = value;
            else
                errors.Add("cursor", "is not a cursor this API gave out");
        }
        return errors.IsEmpty
            ? TypedResults.Ok(await queries.DeliveriesAsync(webhookId, size, before))
            : Problem.Validation(errors);
    }

    private static ProblemHttpResult NoSuchWebhook(string id) => Problem.NotFound($"No webhook with id '{id}'.");
}
