namespace Bengkulu112.Api.Contracts;

/// <summary>The paged list shape of API.md: `{ items, next_cursor }`.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
