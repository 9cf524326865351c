namespace Bengkulu112.Common;

/// <summary>
/// A stored row moved on without this activation (another one wrote in between): its state must be read again, so
/// the grain deactivates and the client's retry reaches a fresh activation.
/// </summary>
public sealed class StoredVersionConflictException(string entity, string id, int version)
    : Exception($"{entity} {id}: version {version - 1} is no longer the stored one.");
