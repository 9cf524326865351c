namespace Bengkulu112.Common;

/// <summary>
/// A stored row moved on without this activation (another one wrote in between, as after a silo failure): nothing
/// was stored, the grain reads its state again, and the client's retry reaches the fresh state. The API answers it
/// with 409 (API.md, Conventions).
/// </summary>
[GenerateSerializer, Alias("Bengkulu112.StoredVersionConflictException")]
public sealed class StoredVersionConflictException : Exception
{
    public StoredVersionConflictException()
    {
    }

    public StoredVersionConflictException(string entity, string id, int version)
        : base($"{entity} {id}: version {version - 1} is no longer the stored one.")
    {
    }

    public StoredVersionConflictException(string message) : base(message)
    {
    }

    public StoredVersionConflictException(string message, Exception inner) : base(message, inner)
    {
    }
}
