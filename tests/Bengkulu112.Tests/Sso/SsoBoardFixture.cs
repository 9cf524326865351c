using Bengkulu112.Tests.Board;

namespace Bengkulu112.Tests.Sso;

/// <summary>
/// The board and API over sockets, signing in through a real OpenID Connect provider (<see cref="TestOidcProvider"/>)
/// started first. Local accounts are switched off; provider claims have their own names, mapped by configuration.
/// </summary>
public sealed class SsoBoardFixture : BoardApiFixture
{
    public const string RoleClaim = "city_role", OpdClaim = "city_opd", NameClaim = "full_name";

    public static readonly ProviderUser CallTaker = new("dina", "Dina-secret-112",
        [(RoleClaim, "calltaker"), (NameClaim, "Dina Marlina")]);
    public static readonly ProviderUser FireBrigade = new("sari", "Sari-secret-112",
        [(RoleClaim, "opd"), (OpdClaim, "damkar"), (NameClaim, "Sari Damkar")]);
    public static readonly ProviderUser Supervisor = new("wati", "Wati-secret-112",
        [(RoleClaim, "supervisor"), (NameClaim, "Wati Pengawas")]);
    public static readonly ProviderUser TwoRoles = new("rudi", "Rudi-secret-112",
        [(RoleClaim, "calltaker"), (RoleClaim, "supervisor"), (NameClaim, "Rudi Dua Peran")]);
    public static readonly ProviderUser OtherAudience = new("tamu", "Tamu-secret-112",
        [(RoleClaim, "supervisor"), (NameClaim, "Tamu")], Audience: "another-api");

    public static readonly ProviderUser UnknownOpd = new("joko", "Joko-secret-112",
        [(RoleClaim, "opd"), (OpdClaim, "pemadam-lain"), (NameClaim, "Joko")]);

    public static readonly ProviderUser[] Users = [CallTaker, FireBrigade, Supervisor, TwoRoles, OtherAudience, UnknownOpd];

    public TestOidcProvider Provider { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string> ApiSettings => new Dictionary<string, string>(base.ApiSettings)
    {
        ["Auth:Authority"] = Provider.Authority,
        ["Auth:RequireHttpsMetadata"] = "false",
        ["Auth:LocalAccounts"] = "false",
        ["Auth:ClientId"] = TestOidcProvider.ClientId,
        ["Auth:Scope"] = "openid profile offline_access",
        ["Auth:RoleClaim"] = RoleClaim,
        ["Auth:OpdClaim"] = OpdClaim,
        ["Auth:NameClaim"] = NameClaim,
    };

    public override async Task InitializeAsync()
    {
        Provider = await TestOidcProvider.StartAsync(Users, AccessTokenLifetime); // renewed by the board like local ones
        await base.InitializeAsync();
        Provider.Board = BaseAddress;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
