namespace Bengkulu112.Imports;

/// <summary>
/// One history import, keyed by its id. It stores the file durably, then imports it in the background in chunks, each
/// committed together with the progress that counts it; after a crash it goes on where the last commit left it.
/// </summary>
[Alias("Bengkulu112.IImportGrain")]
public interface IImportGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Stores the file and starts importing it; answers the import as stored (running). Again with the same
    /// fingerprint: the existing import; with another: a refusal (IdempotencyMismatch).
    /// </summary>
    [Alias("Start")]
    Task<ImportStartResult> Start(ImportStart start);

    /// <summary>Goes on with a running import (start-up and the durable reminder call this); nothing when it is done.</summary>
    [Alias("Resume")]
    Task Resume();
}
