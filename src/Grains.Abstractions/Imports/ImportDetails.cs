namespace Bengkulu112.Imports;

/// <summary>`Import` of API.md "History import": the progress of one import and its refused rows.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.ImportDetails")]
public sealed record ImportDetails(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Status,
    [property: Id(2)] string FileSha256,
    [property: Id(3)] int Rows,
    [property: Id(4)] int Imported,
    [property: Id(5)] int AlreadyPresent,
    [property: Id(6)] int Refused,
    [property: Id(7)] IReadOnlyList<ImportRowError> Errors,
    [property: Id(8)] DateTimeOffset StartedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt);

/// <summary>Why one row was refused: its (first) line in the file, the column, and what is wrong.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.ImportRowError")]
public sealed record ImportRowError(
    [property: Id(0)] int Line,
    [property: Id(1)] string Field,
    [property: Id(2)] string Message);

/// <summary>The statuses of an import.</summary>
public static class ImportStatus
{
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>What `POST /imports` hands the import grain: the file (checked for encoding and header) and who sent it.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.ImportStart")]
public sealed record ImportStart(
    [property: Id(0)] byte[] File,
    [property: Id(1)] string FileSha256,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Fingerprint);

/// <summary>The import, or the refusal of a repeated Idempotency-Key with another file.</summary>
[GenerateSerializer, Immutable, Alias("Bengkulu112.ImportStartResult")]
public sealed record ImportStartResult(
    [property: Id(0)] ImportDetails? Import,
    [property: Id(2)] Common.Refusal? Failure);
