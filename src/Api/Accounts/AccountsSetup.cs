using Bengkulu112.Api.Auth;

namespace Bengkulu112.Api.Accounts;

public static class AccountsSetup
{
    /// <summary>Local accounts, sessions and sign-in (their settings come from the `Auth` section).</summary>
    public static IServiceCollection AddBengkulu112Accounts(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(AuthSettings.Section).Get<AccountSettings>() ?? new AccountSettings();
        if (!settings.IsValid())
            throw new InvalidOperationException(
                $"Auth: AccessTokenLifetime must be from 0 to {AccountSettings.MaxAccessTokenLifetime}, SessionLifetime from 0 to "
                + $"{AccountSettings.MaxSessionLifetime}.");
        if (settings.LocalAccounts && string.IsNullOrWhiteSpace(configuration[$"{AuthSettings.Section}:{nameof(AuthSettings.SigningKeyFile)}"]))
            throw new InvalidOperationException(
                "Local accounts sign their access tokens with the local key: set Auth__SigningKeyFile, or Auth__LocalAccounts=false "
                + "when people sign in through the identity provider only.");
        services.AddSingleton(settings);
        services.AddSingleton<UserStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<SignIn>();
        // People's access tokens are signed with the local key (resolved on first sign-in).
        services.AddSingleton(sp => new AccessTokens(
            new LocalTokenIssuer(sp.GetRequiredService<AuthSettings>(), LocalSigningKey.Load(sp.GetRequiredService<AuthSettings>()),
                sp.GetRequiredService<TimeProvider>()), settings));
        return services;
    }
}
