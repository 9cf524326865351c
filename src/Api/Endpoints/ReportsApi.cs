using Bengkulu112.Api.Auth;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Api.Problems;
using Bengkulu112.Api.Queries;
using Bengkulu112.Api.Reports;
using Bengkulu112.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bengkulu112.Api.Endpoints;

/// <summary>Reports for supervisors (API.md *Reports*): the period in figures, as JSON or CSV.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports").RequireAuthorization(Policies.Supervisor);
        reports.MapGet("/summary", Summary).AddOpenApiOperationTransformer(AlsoCsv);
        reports.MapGet("/series", Series).AddOpenApiOperationTransformer(AlsoCsv);
        return api;
    }

    /// <summary>The same 200 as CSV (typed results describe the JSON only).</summary>
    private static Task AlsoCsv(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
            content["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        return Task.CompletedTask;
    }

    /// <summary>
    /// `?from=&amp;to=&amp;bucket=day|week|month` (default `month`); the period as <see cref="ReportRange"/> defines it.
    /// </summary>
    private static async Task<Results<Ok<ReportSeriesResponse>, ContentHttpResult, ValidationProblem>> Series(
        HttpRequest request, ReportSeriesQueries queries, IOptions<ReportSettings> settings, TimeProvider time)
    {
        var errors = new FieldErrors();
        var zone = settings.Value.Zone;
        var range = ReportRange.Parse(request.Query, zone, time.GetUtcNow(), errors);
        var bucketText = request.Query["bucket"] is { Count: > 0 } b && !string.IsNullOrWhiteSpace(b[^1]) ? b[^1]!.Trim() : "month";
        var bucket = Enum.GetValues<ReportBucket>().Cast<ReportBucket?>()
            .FirstOrDefault(k => k.ToString()!.ToLowerInvariant() == bucketText);
        if (bucket is null)
            errors.Add("bucket", "must be day, week or month");
        if (range is null || !errors.IsEmpty)
            return Problem.Validation(errors);
        var series = await queries.SeriesAsync(range, bucket!.Value, zone);
        return WantsCsv(request)
            ? TypedResults.Text(ReportCsv.Write(series), ReportCsv.ContentType)
            : TypedResults.Ok(series);
    }

    /// <summary>`?from=&amp;to=` as <see cref="ReportRange"/> defines them; `Accept: text/csv` answers <see cref="ReportCsv"/>.</summary>
    private static async Task<Results<Ok<ReportResponse>, ContentHttpResult, ValidationProblem>> Summary(
        HttpRequest request, ReportQueries queries, IOptions<ReportSettings> settings, TimeProvider time)
    {
        var errors = new FieldErrors();
        var range = ReportRange.Parse(request.Query, settings.Value.Zone, time.GetUtcNow(), errors);
        if (range is null)
            return Problem.Validation(errors);
        var report = await queries.SummaryAsync(range);
        return WantsCsv(request)
            ? TypedResults.Text(ReportCsv.Write(report), ReportCsv.ContentType)
            : TypedResults.Ok(report);
    }

    /// <summary>CSV when the client accepts text/csv at least as much as JSON.</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(Func<MediaTypeHeaderValue, bool> match) =>
            accept.Where(match).Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        var csv = Quality(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var json = Quality(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        return csv > 0 && csv >= json;
    }
}
