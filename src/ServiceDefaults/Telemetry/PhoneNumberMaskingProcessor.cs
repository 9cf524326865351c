using System.Diagnostics;
using Bengkulu112.Callers;
using OpenTelemetry;

namespace Bengkulu112.ServiceDefaults.Telemetry;

/// <summary>
/// Masks phone numbers in every span before it is exported: request paths (`/callers/+62…`), full URLs, grain ids
/// (Orleans names caller grains by number) and span names. Personal data must not leave for a trace collector.
/// </summary>
public sealed class PhoneNumberMaskingProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity activity)
    {
        var masked = PhoneNumberMask.MaskIn(activity.DisplayName);
        if (!ReferenceEquals(masked, activity.DisplayName) && masked != activity.DisplayName)
            activity.DisplayName = masked;
        List<KeyValuePair<string, string>>? changes = null;
        foreach (var tag in activity.TagObjects)
        {
            if (tag.Value is string text && PhoneNumberMask.MaskIn(text) is var maskedText && maskedText != text)
                (changes ??= []).Add(new(tag.Key, maskedText));
        }
        foreach (var (key, value) in changes ?? [])
            activity.SetTag(key, value);
    }
}
