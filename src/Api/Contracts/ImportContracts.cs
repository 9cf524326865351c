using Bengkulu112.Imports;

namespace Bengkulu112.Api.Contracts;

/// <summary>`Import` of API.md "History import".</summary>
public sealed record ImportResponse(
    Guid Id,
    string Status,
    string FileSha256,
    int Rows,
    int Imported,
    int AlreadyPresent,
    int Refused,
    IReadOnlyList<ImportErrorResponse> Errors,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static ImportResponse From(ImportDetails import) =>
        new(import.Id, import.Status, import.FileSha256, import.Rows, import.Imported, import.AlreadyPresent, import.Refused,
            [.. import.Errors.Select(e => new ImportErrorResponse(e.Line, e.Field, e.Message))], import.StartedAt,
            import.FinishedAt);
}

/// <summary>A refused row: its (first) line in the file, the column, and what is wrong.</summary>
public sealed record ImportErrorResponse(int Line, string Field, string Message);
