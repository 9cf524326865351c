using Bengkulu112.Silo.Migrations;
using Microsoft.Extensions.Logging;

namespace Bengkulu112.Silo.Hosting;

/// <summary>
/// Applies the schema migration at the very first stage of the silo's start, before membership,
/// storage and reminders touch their tables.
/// </summary>
internal sealed class DatabaseMigrationParticipant(string connectionString, ILogger<DatabaseMigrationParticipant> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseMigrationParticipant), ServiceLifecycleStage.First,
            ct => DatabaseMigrator.MigrateAsync(connectionString, logger, ct));
}
