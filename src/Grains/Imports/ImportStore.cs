using Bengkulu112.Common;
using Npgsql;
using NpgsqlTypes;

namespace Bengkulu112.Imports;

/// <summary>
/// The `imports` row of each import (its progress and refused rows) and its file in `import_files`, kept until the
/// import is done. The chunks themselves are written by <see cref="ImportChunkWriter"/>.
/// </summary>
public sealed class ImportStore(NpgsqlDataSource database)
{
    /// <summary>An import as stored: what API.md shows, and where the import goes on from.</summary>
    public sealed record Stored(ImportDetails Details, int NextRow, string Fingerprint);

    /// <summary>Stores a new running import with its file, in one transaction; false when one with this id exists.</summary>
    public async Task<bool> CreateAsync(Guid id, ImportStart start, int rows, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO imports (id, status, file_sha256, rows, next_row, imported, already_present, refused, errors,
                                 started_at, created_by, fingerprint)
            VALUES ($1, 'running', $2, $3, 0, 0, 0, 0, '[]', $4, $5, $6)
            ON CONFLICT (id) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(start.FileSha256);
            insert.Parameters.AddWithValue(rows);
            insert.Parameters.AddWithValue(now);
            insert.Parameters.AddWithValue(start.Actor);
            insert.Parameters.AddWithValue(start.Fingerprint);
            if (await insert.ExecuteNonQueryAsync() == 0)
                return false;
        }
        await using (var file = new NpgsqlCommand("INSERT INTO import_files (import_id, content) VALUES ($1, $2)", connection, transaction))
        {
            file.Parameters.AddWithValue(id);
            file.Parameters.AddWithValue(NpgsqlDbType.Bytea, start.File);
            await file.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return true;
    }

    public async Task<Stored?> LoadAsync(Guid id)
    {
        await using var command = database.CreateCommand("""
            SELECT status, file_sha256, rows, imported, already_present, refused, errors::text, started_at, finished_at,
                   next_row, fingerprint
            FROM imports WHERE id = $1
            """);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        var details = new ImportDetails(id, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
            reader.GetInt32(4), reader.GetInt32(5), StoredJson.Deserialize<List<ImportRowError>>(reader.GetString(6)),
            reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));
        return new Stored(details, reader.GetInt32(9), reader.GetString(10));
    }

    /// <summary>The file of a running import, or null once the import is done.</summary>
    public async Task<byte[]?> LoadFileAsync(Guid id)
    {
        await using var command = database.CreateCommand("SELECT content FROM import_files WHERE import_id = $1");
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync() as byte[];
    }

    /// <summary>Marks a running import failed (its file could not be read again): the rows committed so far stay.</summary>
    public async Task FailAsync(Guid id, string reason, DateTimeOffset now)
    {
        await using var command = database.CreateCommand("""
            UPDATE imports SET status = 'failed', failure = $2, finished_at = $3 WHERE id = $1 AND status = 'running'
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(reason);
        command.Parameters.AddWithValue(now);
        await command.ExecuteNonQueryAsync();
    }
}
