using System.Globalization;
using System.Text;
using System.Text.Json;
using Bengkulu112.Api.Contracts;
using Bengkulu112.Common;
using Microsoft.AspNetCore.WebUtilities;
using Npgsql;

namespace Bengkulu112.Api.Queries;

/// <summary>Reads the `imports` rows the import grains keep (`GET /imports`, `GET /imports/{id}`).</summary>
public sealed class ImportQueries(NpgsqlDataSource database)
{
    private const string Columns =
        "id, status, file_sha256, rows, imported, already_present, refused, errors::text, started_at, finished_at";

    private static readonly JsonSerializerOptions ErrorJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<ImportResponse?> GetAsync(Guid id)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM imports WHERE id = $1");
        command.Parameters.AddWithValue(id);
        return (await ReadAsync(command)).SingleOrDefault();
    }

    /// <summary>Newest first; the errors of each import are listed in full by `GET /imports/{id}` only.</summary>
    public async Task<Page<ImportResponse>> ListAsync(ImportListFilter filter)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns.Replace("errors::text", "'[]'", StringComparison.Ordinal)}
            FROM imports
            WHERE (started_at, id) < ($1, $2)
            ORDER BY started_at DESC, id DESC
            LIMIT $3
            """);
        command.Parameters.AddWithValue(filter.After?.StartedAt ?? DateTimeOffset.MaxValue);
        command.Parameters.AddWithValue(filter.After?.Id ?? Guid.Empty);
        command.Parameters.AddWithValue(filter.Limit + 1);
        var items = await ReadAsync(command);
        string? next = null;
        if (items.Count > filter.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new ImportCursor(items[^1].StartedAt, items[^1].Id).ToString();
        }
        return new Page<ImportResponse>(items, next);
    }

    private static async Task<List<ImportResponse>> ReadAsync(NpgsqlCommand command)
    {
        var items = new List<ImportResponse>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            items.Add(new ImportResponse(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6),
                JsonSerializer.Deserialize<List<ImportErrorResponse>>(reader.GetString(7), ErrorJson)!,
                reader.GetFieldValue<DateTimeOffset>(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return items;
    }
}

/// <summary>The query of `GET /imports`: `?limit=&amp;cursor=`.</summary>
public sealed record ImportListFilter(int Limit, ImportCursor? After)
{
    public static ImportListFilter Parse(IQueryCollection query, out FieldErrors errors)
    {
        errors = new FieldErrors();
        var limit = PageQuery.Limit(query, errors);
        ImportCursor? after = null;
        if (PageQuery.Last(query, "cursor") is { } cursorText && !ImportCursor.TryParse(cursorText, out after))
            errors.Add("cursor", "is not a cursor this API gave out");
        return new ImportListFilter(limit, after);
    }
}

/// <summary>Where a page of imports ended: the last one's start time and id (listed newest first).</summary>
public sealed record ImportCursor(DateTimeOffset StartedAt, Guid Id)
{
    private const string Prefix = "import:";

    public override string ToString() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(
        $"{Prefix}{StartedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"));

    public static bool TryParse(string text, out ImportCursor? cursor)
    {
        cursor = null;
        try
        {
            var parts = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(text)).Split(':');
            if (parts.Length != 3 || parts[0] + ":" != Prefix
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParseExact(parts[2], "N", out var id))
                return false;
            cursor = new ImportCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
