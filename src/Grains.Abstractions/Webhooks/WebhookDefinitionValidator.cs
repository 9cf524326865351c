using Bengkulu112.Common;
using Bengkulu112.Opds;

namespace Bengkulu112.Webhooks;

/// <summary>The rules a webhook definition must meet, field by field (whether the OPD exists is checked by the caller).</summary>
public static class WebhookDefinitionValidator
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;
    public const int MaxUrlLength = 2000;

    /// <remarks>
    /// Plain http is accepted as well as https: receivers inside the agencies' networks often have no certificate, and
    /// the signature, not the transport, is what proves a delivery came from Bengkulu112.
    /// </remarks>
    public static FieldErrors Validate(WebhookDefinition definition)
    {
        var errors = new FieldErrors();
        if (definition.Url.Length > MaxUrlLength)
            errors.Add("url", $"must be at most {MaxUrlLength} characters");
        else if (!Uri.TryCreate(definition.Url, UriKind.Absolute, out var url)
                 || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host))
            errors.Add("url", "must be an absolute http or https URL");
        else if (!string.IsNullOrEmpty(url.UserInfo))
            errors.Add("url", "must not carry user credentials");

        if (definition.Events.Count == 0)
            errors.Add("events", $"must name at least one of {string.Join(", ", WebhookEvents.All)}");
        foreach (var unknown in definition.Events.Where(e => !WebhookEvents.All.Contains(e)).Distinct())
            errors.Add("events", $"'{unknown}' is not one of {string.Join(", ", WebhookEvents.All)}");
        foreach (var repeated in definition.Events.GroupBy(e => e).Where(g => g.Count() > 1))
            errors.Add("events", $"'{repeated.Key}' is named more than once");

        if (definition.Opd is { } opd && !OpdCode.IsValid(opd))
            errors.Add("opd", $"'{opd}' is not a valid OPD code");

        ValidateSecret(definition.Secret, errors);
        return errors;
    }

    /// <summary>The rule for a signing secret, at creation and at rotation.</summary>
    public static void ValidateSecret(string secret, FieldErrors errors)
    {
        if (secret.Length is < MinSecretLength or > MaxSecretLength)
            errors.Add("secret", $"must be {MinSecretLength} to {MaxSecretLength} characters");
    }
}
