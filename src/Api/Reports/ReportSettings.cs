namespace Bengkulu112.Api.Reports;

/// <summary>Report settings, bound from the `Reports` configuration section.</summary>
public sealed class ReportSettings
{
    public const string Section = "Reports";

    /// <summary>The IANA time zone whose calendar days reports count (dates in `from`/`to`, `per_day_avg`).</summary>
    public string TimeZone { get; set; } = "Asia/Jakarta";

    public static bool IsKnownZone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

public static class ReportSetup
{
    public static IServiceCollection AddBengkulu112Reports(this IServiceCollection services)
    {
        services.AddOptions<ReportSettings>().BindConfiguration(ReportSettings.Section)
            .Validate(s => ReportSettings.IsKnownZone(s.TimeZone), "Reports:TimeZone is not a known IANA time zone id")
            .ValidateOnStart();
        services.AddSingleton<Queries.ReportQueries>();
        services.AddSingleton<Queries.ReportSeriesQueries>();
        return services;
    }
}
