using Bengkulu112.Api.Audit;
using Bengkulu112.Api.Auth;
using Bengkulu112.Opds;
using Npgsql;

namespace Bengkulu112.Api.Accounts;

/// <summary>
/// `Bengkulu112.Api user add USERNAME --role ROLE [--opd CODE] [--name "Display Name"]` creates an account directly
/// in PostgreSQL and prints its one-time password (the first admin is made this way; `./run.sh user add` brings the
/// schema up to date first). `user check-admin` exits 0 when an active admin account exists, 3 when none does.
/// </summary>
public static class UserCommand
{
    public const int NoAdmin = 3;
    private const string Usage =
        "usage: user add USERNAME --role ROLE [--opd CODE] [--name \"Display Name\"]   (ROLE: calltaker, opd, supervisor, admin)";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Postgres") is not { Length: > 0 } connectionString)
        {
            Console.Error.WriteLine("No PostgreSQL connection string: set ConnectionStrings__Postgres (./run.sh user add does).");
            return 1;
        }
        await using var database = NpgsqlDataSource.Create(connectionString);
        var users = new UserStore(database);
        try
        {
            return args switch
            {
                ["check-admin"] => await users.AnyActiveAdminAsync() ? 0 : NoAdmin,
                ["add", var username, .. var options] => await AddAsync(username, options, users, database),
                _ => Fail(2, Usage),
            };
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return Fail(1, "The database has no accounts table yet: start the system once (./run.sh) or run ./run.sh user add, "
                + "which applies the migrations first.");
        }
        catch (NpgsqlException e)
        {
            return Fail(1, $"Could not reach PostgreSQL: {e.Message}");
        }
    }

    private static async Task<int> AddAsync(string username, string[] options, UserStore users, NpgsqlDataSource database)
    {
        string? role = null, opd = null, name = null;
        for (var i = 0; i < options.Length; i++)
        {
            var value = i + 1 < options.Length ? options[i + 1] : null;
            switch (options[i])
            {
                case "--role" when value is not null: role = value; i++; break;
                case "--opd" when value is not null: opd = value; i++; break;
                case "--name" when value is not null: name = value; i++; break;
                default: return Fail(2, $"unknown or incomplete option '{options[i]}'\n{Usage}");
            }
        }
        var errors = new Common.FieldErrors();
        Validation.UserValidation.Username(username, errors);
        var displayName = Validation.UserValidation.DisplayName(name ?? username, errors);
        var checkedRole = Validation.UserValidation.Role(role, errors);
        var checkedOpd = checkedRole is null ? null : Validation.UserValidation.Opd(checkedRole, opd, errors);
        if (checkedOpd is not null && !DefaultOpds.All.ContainsKey(checkedOpd))
            errors.Add("opd", $"'{checkedOpd}' is not one of the default OPDs ({string.Join(", ", DefaultOpds.All.Keys)}); "
                + "operators of OPDs added later are created by an admin on the board (POST /api/v1/users), which checks the live directory");
        if (!errors.IsEmpty)
            return Fail(2, string.Join("\n", errors.ToDictionary().Select(e => $"{e.Key} {string.Join("; ", e.Value)}")) + "\n" + Usage);

        var password = InitialPasswords.New();
        var account = new UserAccount(Guid.NewGuid(), username, displayName!, checkedRole!, checkedOpd, Active: true,
            MustChangePassword: true, PasswordHashing.Hash(password), DateTimeOffset.UtcNow, null);
        if (!await users.CreateAsync(account))
            return Fail(1, $"The username '{username}' is taken; an admin can reset its password on the board.");
        var audit = new AuditLog(database, Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Http.Json.JsonOptions()));
        await audit.RecordAsync("system:user-add", null, AuditActions.UserCreate, SignIn.AuditSubjectPrefix + username,
            new { username, display_name = account.DisplayName, role = account.Role, opd = account.Opd });

        Console.Error.WriteLine($"Created {account.Role} '{username}' ({account.DisplayName}). One-time password (shown only now; "
            + "it must be changed at the first sign-in):");
        Console.WriteLine(password);
        return 0;
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine(message);
        return code;
    }
}
