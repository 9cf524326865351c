using System.Diagnostics;
using Bengkulu112.ServiceDefaults.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>Spans leave the process without phone numbers, in their names and their attributes.</summary>
public sealed class PhoneNumberMaskingProcessorTests
{
    private sealed class Recorder(List<Activity> ended) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity activity) => ended.Add(activity);
    }

    [Fact]
    public void Numbers_in_paths_grain_ids_and_names_are_masked_before_export()
    {
        var exported = new List<Activity>();
        using var source = new ActivitySource("b112.test." + Guid.NewGuid().ToString("N"));
        using (Sdk.CreateTracerProviderBuilder()
                   .AddSource(source.Name)
                   .AddProcessor(new PhoneNumberMaskingProcessor())
                   .AddProcessor(new Recorder(exported)) // stands where the OTLP exporter's processor stands
                   .Build())
        {
            using var activity = source.StartActivity("ICallerGrain/caller/+6281234567890")!;
            activity.SetTag("url.path", "/api/v1/callers/+6281234567890/flag");
            activity.SetTag("url.full", "http://127.0.0.1:5112/api/v1/callers/%2B6281234567890");
            activity.SetTag("rpc.orleans.target_id", "caller/+6281234567890");
            activity.SetTag("http.response.status_code", 200);
            activity.SetTag("ticket.number", "BKL-2026-000107");
        }

        var span = Assert.Single(exported);
        var text = span.DisplayName + string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain("6281234567890", text);
        Assert.Equal($"/api/v1/callers/{Bengkulu112.Callers.PhoneNumberMask.Mask("+6281234567890")}/flag", span.GetTagItem("url.path"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
        Assert.Equal("BKL-2026-000107", span.GetTagItem("ticket.number"));
    }
}
