using Bengkulu112.Api.Accounts;
using Bengkulu112.Silo.Migrations;
using Bengkulu112.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Bengkulu112.Tests.Storage;

/// <summary>`./run.sh user add` and the first-admin check of `./run.sh`, against a real database.</summary>
[Collection(ConsoleOutput.Collection)]
public sealed class UserCommandTests
{
    private static IConfiguration For(string connectionString) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = connectionString }).Build();

    private static async Task<(int Code, string Out)> Run(IConfiguration configuration, params string[] args)
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            return (await UserCommand.RunAsync(args, configuration), output.ToString().Trim());
        }
        finally
        {
            Console.SetOut(previous);
        }
    }

    [Fact]
    public async Task The_first_admin_is_created_with_a_one_time_password_that_signs_in_and_must_be_changed()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("usercmd");
        var configuration = For(connectionString);
        Assert.Equal(1, (await Run(configuration, "check-admin")).Code); // no schema yet: a clear message, no crash

        await DatabaseMigrator.MigrateAsync(connectionString, NullLogger.Instance, CancellationToken.None);
        Assert.Equal(UserCommand.NoAdmin, (await Run(configuration, "check-admin")).Code);

        var (code, password) = await Run(configuration, "add", "admin", "--role", "admin", "--name", "Admin Diskominfo");
        Assert.Equal(0, code);
        Assert.Equal(0, (await Run(configuration, "check-admin")).Code);

        await using var database = NpgsqlDataSource.Create(connectionString);
        var admin = await new UserStore(database).FindByUsernameAsync("admin");
        Assert.NotNull(admin);
        Assert.Equal("Admin Diskominfo", admin.DisplayName);
        Assert.True(admin.MustChangePassword);
        Assert.Equal(PasswordCheck.Right, PasswordHashing.Verify(admin.PasswordHash, password));

        Assert.Equal(1, (await Run(configuration, "add", "admin", "--role", "admin")).Code); // taken
        Assert.Equal(2, (await Run(configuration, "add", "budi", "--role", "opd")).Code); // no OPD
        Assert.Equal(2, (await Run(configuration, "add", "budi", "--role", "janitor")).Code);
        Assert.Equal(2, (await Run(configuration, "add", "Budi Santoso", "--role", "calltaker")).Code);
        Assert.Equal(0, (await Run(configuration, "add", "budi", "--role", "opd", "--opd", "damkar")).Code);
    }
}

/// <summary>Tests that redirect the process's console run one at a time.</summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ConsoleOutput
{
    public const string Collection = "console output";
}

/// <summary>`./run.sh token ROLE [OPD] [--subject NAME]`.</summary>
[Collection(ConsoleOutput.Collection)]
public sealed class TokenCommandTests
{
    [Theory]
    [InlineData("calltaker", "local-calltaker", null)]
    [InlineData("opd damkar", "local-opd-damkar", "damkar")]
    [InlineData("calltaker --subject telephony-gateway", "telephony-gateway", null)]
    [InlineData("opd --subject=damkar-radio damkar", "damkar-radio", "damkar")]
    public void Prints_a_token_for_the_subject_asked(string command, string subject, string? opd)
    {
        var args = command.Split(' ');
        using var tokens = new TestTokens();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKeyFile"] = tokens.KeyFile }).Build();
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try
        {
            code = Bengkulu112.Api.Auth.TokenCommand.Run(args, configuration);
        }
        finally
        {
            Console.SetOut(previous);
        }
        Assert.Equal(0, code);
        var claims = Infrastructure.Accounts.Claims(output.ToString().Trim());
        Assert.Equal(subject, claims.GetProperty("sub").GetString());
        Assert.Equal(args[0], claims.GetProperty("role").GetString());
        Assert.Equal(opd, claims.TryGetProperty("opd", out var o) ? o.GetString() : null);
    }

    [Theory]
    [InlineData("calltaker --subject")]
    [InlineData("calltaker --subject=")]
    [InlineData("opd")]
    [InlineData("janitor")]
    public void Refuses_incomplete_arguments_with_usage(string command) =>
        Assert.Equal(2, Bengkulu112.Api.Auth.TokenCommand.Run(command.Split(' '), new ConfigurationBuilder().Build()));
}
