using System.Text.Json;

namespace Bengkulu112.Api.Json;

/// <summary>
/// PostgreSQL stores no U+0000 in `text` or `jsonb`, so a request whose JSON holds one in any string is refused before
/// it reaches a grain (400 naming the field), rather than failing at the write (500) — or, in an intake's group
/// commit, failing the other call takers' calls of the same transaction with it.
/// </summary>
public static class NulText
{
    public const string Reason = "must not contain the character U+0000";

    /// <summary>
    /// Refuses a JSON body holding U+0000 in a string or a field name. Runs after authorization, so only a caller allowed
    /// to send the request learns why it is refused.
    /// </summary>
    public static WebApplication UseNulTextGuard(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (request.HasJsonContentType() && request.ContentLength is null or > 0
                && http.GetEndpoint()?.Metadata.GetMetadata<NulTextHandled>() is null)
            {
                request.EnableBuffering();
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, http.RequestAborted);
                request.Body.Position = 0;
                if (FindPath(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } path)
                    throw new BadHttpRequestException("The request body holds the character U+0000.",
                        StatusCodes.Status400BadRequest, new JsonFormatException(Reason, path));
            }
            await next();
        });
        return app;
    }

    /// <summary>
    /// Marks a route that stores none of its text as it came and answers U+0000 itself (sign-in cleans what it reads and
    /// answers 401 for any name it cannot match, revealing nothing about why).
    /// </summary>
    public sealed class NulTextHandled;

    /// <summary>Exempts the route from the guard (<see cref="NulTextHandled"/>).</summary>
    public static RouteHandlerBuilder HandlesNulText(this RouteHandlerBuilder route) => route.WithMetadata(new NulTextHandled());

    /// <summary>
    /// The JSON path (`$.location.address`, `$.categories[1]`) of the first string or field name holding U+0000, or
    /// null when none does or the body is not valid JSON (the route's own reading answers that).
    /// </summary>
    public static string? FindPath(ReadOnlySpan<byte> json)
    {
        // A U+0000 can only be written escaped in JSON text: most bodies are done with at one search.
        if (json.IndexOf("\\u0000"u8) < 0)
            return null;
        try
        {
            return Scan(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var frames = new List<Frame>();
        string? name = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, Key(frames, name)));
                    Advance(frames, skipLast: true);
                    name = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    name = reader.GetString();
                    if (name!.Contains('\0'))
                        return PathOf(frames, name);
                    break;
                case JsonTokenType.String:
                    if (reader.ValueIsEscaped && reader.GetString()!.Contains('\0'))
                        return PathOf(frames, Key(frames, name));
                    Advance(frames, skipLast: false);
                    break;
                default:
                    Advance(frames, skipLast: false);
                    break;
            }
        }
        return null;
    }

    /// <summary>A container being read: whether it is an array (and its next index), and its key in its parent.</summary>
    private sealed class Frame(bool isArray, string? key)
    {
        public bool IsArray { get; } = isArray;
        public string? Key { get; } = key;
        public int Index { get; set; }
    }

    /// <summary>The key of the value read next: an index inside an array, the field name inside an object.</summary>
    private static string? Key(List<Frame> frames, string? name) =>
        frames.Count > 0 && frames[^1].IsArray ? $"[{frames[^1].Index}]" : name;

    /// <summary>A value was read inside an array: the next one has the next index (a container counts in its parent).</summary>
    private static void Advance(List<Frame> frames, bool skipLast)
    {
        var parent = skipLast ? frames.Count - 2 : frames.Count - 1;
        if (parent >= 0 && frames[parent].IsArray)
            frames[parent].Index++;
    }

    private static string PathOf(List<Frame> frames, string? key)
    {
        var path = "$";
        foreach (var segment in frames.Select(f => f.Key).Append(key))
        {
            if (segment is null)
                continue;
            path += segment.StartsWith('[') ? segment : "." + segment;
        }
        return path;
    }
}
