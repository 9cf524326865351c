using Bengkulu112.Tests.Infrastructure;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Cluster;

/// <summary>
/// The API's database login reads and writes rows but cannot change the schema: a compromised API node cannot drop a
/// table or alter one. (Every API test runs on this login, which shows its grants are enough.)
/// </summary>
public sealed class ApiLoginTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("CREATE TABLE intruder (id int)")]
    [InlineData("DROP TABLE tickets")]
    [InlineData("ALTER TABLE tickets ADD COLUMN intruder text")]
    [InlineData("TRUNCATE alerts")]
    [InlineData("CREATE INDEX ix_intruder ON tickets (description)")]
    public async Task The_API_login_cannot_change_the_schema(string statement)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.AsApiLogin(fixture.ConnectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);

        var e = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.True(e.SqlState is PostgresErrorCodes.InsufficientPrivilege or "42501", e.Message);
    }

    [Fact]
    public async Task The_API_login_reads_and_writes_rows()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.AsApiLogin(fixture.ConnectionString));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO app_audit (actor, action, subject) VALUES ('test', 'test.write', 'test:row') RETURNING id", connection);
        Assert.NotNull(await insert.ExecuteScalarAsync());
        await using var read = new NpgsqlCommand("SELECT count(*) FROM tickets", connection);
        Assert.NotNull(await read.ExecuteScalarAsync());
    }
}
