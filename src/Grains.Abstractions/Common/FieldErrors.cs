namespace Bengkulu112.Common;

/// <summary>Validation errors keyed by the (snake_case) field they concern, as RFC 9457 `errors` expects.</summary>
[GenerateSerializer, Alias("Bengkulu112.FieldErrors")]
public sealed class FieldErrors
{
    [Id(0)] private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }
        messages.Add(message);
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
