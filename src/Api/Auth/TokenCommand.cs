namespace Bengkulu112.Api.Auth;

/// <summary>`Bengkulu112.Api token ROLE [OPD]`: prints a token for the local system (used by `./run.sh token`).</summary>
public static class TokenCommand
{
    public static int Run(string[] args, IConfiguration configuration)
    {
        if (args.Length < 1 || !Roles.IsKnown(args[0]) || (args[0] == Roles.Opd) != (args.Length == 2) || args.Length > 2)
        {
            Console.Error.WriteLine($"usage: token ROLE [OPD]   (ROLE: {string.Join(", ", Roles.All)}; OPD only and always with role opd)");
            return 2;
        }
        var settings = configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        try
        {
            var issuer = new LocalTokenIssuer(settings, LocalSigningKey.Load(settings), TimeProvider.System);
            var role = args[0];
            var opd = args.Length == 2 ? args[1] : null;
            Console.WriteLine(issuer.Issue(subject: opd is null ? $"local-{role}" : $"local-{role}-{opd}", role, opd));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
