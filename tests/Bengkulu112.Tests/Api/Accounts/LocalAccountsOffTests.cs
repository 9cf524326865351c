using System.Net;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.Accounts;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>An API node where people sign in through an identity provider: local sign-in is off.</summary>
public sealed class LocalAccountsOffFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> ApiSettings { get; } = new Dictionary<string, string>
    {
        ["Auth:LocalAccounts"] = "false",
    };
}

public sealed class LocalAccountsOffTests(LocalAccountsOffFixture fixture) : IClassFixture<LocalAccountsOffFixture>
{
    [Fact]
    public async Task Login_and_refresh_answer_that_local_sign_in_is_off_even_for_an_existing_account()
    {
        var username = NewUsername("lokal");
        var password = await CreateAsync(fixture.Api, username, "calltaker");

        var login = await (await LoginAsync(fixture.Api, username, password)).AssertProblem(HttpStatusCode.Forbidden);
        Assert.EndsWith("local-accounts-disabled", login.GetProperty("type").GetString());
        var refresh = await (await RefreshAsync(fixture.Api, "c29tZS10b2tlbg")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.EndsWith("local-accounts-disabled", refresh.GetProperty("type").GetString());
        // Programs' tokens keep working.
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/opds")).AssertJson(HttpStatusCode.OK);
    }
}
