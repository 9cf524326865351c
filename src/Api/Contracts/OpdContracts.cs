using Bengkulu112.Opds;

namespace Bengkulu112.Api.Contracts;

/// <summary>`Opd` of API.md.</summary>
public sealed record OpdResponse(
    string Code,
    string Name,
    IReadOnlyList<string> Categories,
    string? BackupOpd,
    int OpenTickets,
    bool Active,
    DateTimeOffset UpdatedAt)
{
    public static OpdResponse From(OpdDetails opd) =>
        new(opd.Code, opd.Name, opd.Categories, opd.BackupOpd, opd.OpenTickets, opd.Active, opd.UpdatedAt);
}

/// <summary>Body of `PUT /opds/{code}`; `active` defaults to true.</summary>
public sealed record OpdPutRequest(string? Name, IReadOnlyList<string>? Categories, string? BackupOpd, bool? Active);
