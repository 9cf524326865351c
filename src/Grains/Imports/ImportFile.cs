namespace Bengkulu112.Imports;

/// <summary>One data row after its checks: accepted (<see cref="Record"/>) or refused (<see cref="Errors"/>).</summary>
public sealed record CheckedRow(ImportRecord? Record, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Checks every row of an import file in file order (a pure function of the file and the context, so a resumed import
/// sees the same rows the same way): each row by <see cref="ImportRowRules"/>, and a row repeating an earlier row of the
/// same file is refused, naming that line.
/// </summary>
public static class ImportFile
{
    public static IReadOnlyList<CheckedRow> Check(string text, ImportContext context)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<CheckedRow>();
        foreach (var row in ImportCsv.Rows(text))
        {
            var (record, errors) = ImportRowRules.Check(row, context);
            if (record is not null && !firstLine.TryAdd(record.Key, row.Line))
            {
                rows.Add(new CheckedRow(null, [new ImportRowError(row.Line, "row", $"repeats line {firstLine[record.Key]}")]));
                continue;
            }
            rows.Add(new CheckedRow(record, errors));
        }
        return rows;
    }
}
