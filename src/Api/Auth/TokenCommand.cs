namespace Bengkulu112.Api.Auth;

/// <summary>
/// `Bengkulu112.Api token ROLE [OPD] [--subject NAME]`: prints a token for a program of the local system (used by
/// `./run.sh token`); the subject defaults to `local-ROLE[-OPD]`.
/// </summary>
public static class TokenCommand
{
    public const int MaxSubjectLength = 100;

    public static int Run(string[] args, IConfiguration configuration)
    {
        var positional = new List<string>();
        string? subject = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--subject" && i + 1 < args.Length && subject is null)
                subject = args[++i];
            else if (args[i].StartsWith("--subject=", StringComparison.Ordinal) && subject is null)
                subject = args[i]["--subject=".Length..];
            else
                positional.Add(args[i]);
        }
        var role = positional.Count > 0 ? positional[0] : null;
        if (!Roles.IsKnown(role) || (role == Roles.Opd) != (positional.Count == 2) || positional.Count > 2
            || subject is { Length: 0 or > MaxSubjectLength } || (subject is not null && subject.Any(char.IsControl)))
        {
            Console.Error.WriteLine($"usage: token ROLE [OPD] [--subject NAME]   (ROLE: {string.Join(", ", Roles.All)}; OPD only and "
                + $"always with role opd; NAME: 1 to {MaxSubjectLength} characters, the program the token is for)");
            return 2;
        }
        var settings = configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        try
        {
            var issuer = new LocalTokenIssuer(settings, LocalSigningKey.Load(settings), TimeProvider.System);
            var opd = positional.Count == 2 ? positional[1] : null;
            Console.WriteLine(issuer.Issue(subject ?? (opd is null ? $"local-{role}" : $"local-{role}-{opd}"), role!, opd));
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
