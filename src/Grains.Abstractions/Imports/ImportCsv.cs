using System.Text;
using Bengkulu112.Common;
using nietras.SeparatedValues;

namespace Bengkulu112.Imports;

/// <summary>One data row of an import file: its first line in the file, and its fields by column (absent = null).</summary>
public sealed record ImportCsvRow(int Line, IReadOnlyDictionary<string, string?> Fields, string? ShapeError);

/// <summary>
/// Reads a history import file as the center's spreadsheets export it: UTF-8 with or without a byte-order mark, comma
/// or semicolon separated (found from the header row), fields quoted where they hold a separator, a quote or a line
/// break (RFC 4180). Parsing is the Sep library's; this type adds the file's rules: strict UTF-8, the header of
/// <see cref="ImportColumns"/>, and a line number for every row.
/// </summary>
public static class ImportCsv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null with a reason in <paramref name="errors"/> (field `file`).</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, FieldErrors errors)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            errors.Add("file", "is UTF-16; save the spreadsheet as CSV UTF-8");
            return null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            errors.Add("file", $"is not UTF-8 (invalid bytes at offset {e.Index}); save the spreadsheet as CSV UTF-8");
            return null;
        }
        if (text.Contains('\0'))
        {
            errors.Add("file", "holds NUL characters: not a text file");
            return null;
        }
        if (string.IsNullOrWhiteSpace(text))
            errors.Add("file", "is empty: a header row is required");
        return errors.IsEmpty ? text : null;
    }

    /// <summary>Checks the header row: every required column, no unknown or repeated one (each named in errors).</summary>
    public static void CheckHeader(string text, FieldErrors errors)
    {
        using var reader = Open(text);
        CheckHeader(HeaderOf(reader), errors);
    }

    /// <summary>
    /// The header row's names. Sep is told there is no header (it refuses repeated names by throwing): the first row is
    /// read as the names here, so a repeated name is an error naming it.
    /// </summary>
    private static string[] HeaderOf(SepReader reader)
    {
        if (!reader.MoveNext())
            return [];
        var row = reader.Current;
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
            names[i] = row[i].ToString().Trim();
        return names;
    }

    private static void CheckHeader(IReadOnlyList<string> names, FieldErrors errors)
    {
        var trimmed = names.Select(n => n.Trim()).ToList();
        foreach (var required in ImportColumns.Required.Where(r => !trimmed.Contains(r)))
            errors.Add(required, "is a required column of the header row");
        foreach (var unknown in trimmed.Where(n => !ImportColumns.All.Contains(n)).Distinct())
            errors.Add("header", $"column '{unknown}' is not one of {string.Join(", ", ImportColumns.All)}");
        foreach (var repeated in trimmed.GroupBy(n => n).Where(g => g.Count() > 1))
            errors.Add("header", $"column '{repeated.Key}' appears more than once");
    }

    /// <summary>
    /// The data rows, in file order. A row whose field count differs from the header's has <see cref="ImportCsvRow.ShapeError"/>
    /// (an unclosed quote also ends up there: it swallows the lines after it into one row). Blank lines are skipped.
    /// </summary>
    public static IEnumerable<ImportCsvRow> Rows(string text)
    {
        using var reader = Open(text);
        var names = HeaderOf(reader);
        while (reader.MoveNext())
        {
            var row = reader.Current;
            if (row.ColCount == 1 && row[0].Span.IsWhiteSpace())
                continue;
            var fields = new Dictionary<string, string?>(names.Length, StringComparer.Ordinal);
            for (var i = 0; i < names.Length && i < row.ColCount; i++)
            {
                var value = row[i].ToString().Trim();
                fields[names[i]] = value.Length == 0 ? null : value;
            }
            var shape = row.ColCount == names.Length ? null
                : $"has {row.ColCount} fields where the header has {names.Length} (an unclosed quote, or a separator inside an unquoted field)";
            yield return new ImportCsvRow(row.LineNumberFrom, fields, shape);
        }
    }

    private static SepReader Open(string text) =>
        Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = false }).FromText(text);
}
