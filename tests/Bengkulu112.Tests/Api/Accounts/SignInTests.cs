using System.Net;
using System.Net.Http.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>API.md "Accounts and sign-in": login, the first password change, refresh rotation, logout, /me.</summary>
public sealed class SignInTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task Login_answers_a_session_and_sets_an_HttpOnly_strict_refresh_cookie_on_the_auth_path()
    {
        var username = Infrastructure.Accounts.NewUsername("budi");
        var initial = await Infrastructure.Accounts.CreateAsync(Api, username, "opd", "damkar", "Budi Santoso");

        var response = await Infrastructure.Accounts.LoginAsync(Api, username, initial);
        var session = await response.AssertJson(HttpStatusCode.OK);

        Assert.Equal("Bearer", session.GetProperty("token_type").GetString());
        Assert.InRange(session.GetProperty("expires_in").GetInt32(), 1, 900);
        Assert.True(session.GetProperty("must_change_password").GetBoolean());
        var user = session.GetProperty("user");
        Assert.Equal(username, user.GetProperty("username").GetString());
        Assert.Equal("Budi Santoso", user.GetProperty("display_name").GetString());
        Assert.Equal("opd", user.GetProperty("role").GetString());
        Assert.Equal("damkar", user.GetProperty("opd").GetString());
        Assert.True(user.GetProperty("active").GetBoolean());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, user.GetProperty("last_sign_in_at").ValueKind);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("b112_refresh=", StringComparison.Ordinal));
        var attributes = cookie.ToLowerInvariant();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/api/v1/auth", attributes);
        Assert.DoesNotContain("secure", attributes); // plain http in tests; https sets it

        var claims = Infrastructure.Accounts.Claims(session.GetProperty("access_token").GetString()!);
        Assert.True(Guid.TryParse(claims.GetProperty("sub").GetString(), out _));
        Assert.Equal("Budi Santoso", claims.GetProperty("name").GetString());
        Assert.Equal("opd", claims.GetProperty("role").GetString());
        Assert.Equal("damkar", claims.GetProperty("opd").GetString());
        Assert.InRange(claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64(), 1, 900);
    }

    [Fact]
    public async Task Unknown_user_wrong_password_and_inactive_account_answer_the_same_401()
    {
        var username = Infrastructure.Accounts.NewUsername("sari");
        var initial = await Infrastructure.Accounts.CreateAsync(Api, username, "calltaker");
        var inactive = Infrastructure.Accounts.NewUsername("tono");
        var inactivePassword = await Infrastructure.Accounts.CreateAsync(Api, inactive, "calltaker");
        await (await Api.ClientAs("admin").PatchAsJsonAsync($"/api/v1/users/{inactive}", new { active = false }))
            .AssertJson(HttpStatusCode.OK);

        var problems = new[]
        {
            await (await Infrastructure.Accounts.LoginAsync(Api, "nobody.here", initial)).AssertProblem(HttpStatusCode.Unauthorized),
            await (await Infrastructure.Accounts.LoginAsync(Api, username, initial + "x")).AssertProblem(HttpStatusCode.Unauthorized),
            await (await Infrastructure.Accounts.LoginAsync(Api, inactive, inactivePassword)).AssertProblem(HttpStatusCode.Unauthorized),
        };
        Assert.Single(problems.Select(p => (p.GetProperty("type").GetString(), p.GetProperty("title").GetString(),
            p.GetProperty("detail").GetString())).Distinct());
    }

    [Theory]
    [InlineData("{}", "username")]
    [InlineData("""{"username":"x"}""", "password")]
    [InlineData("""{"username":1,"password":"x"}""", "username")]
    public async Task A_login_without_its_fields_is_a_400_naming_them(string body, string field)
    {
        var response = await Infrastructure.Accounts.Anonymous(Api).PostAsync("/api/v1/auth/login",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.NotEmpty((await response.AssertProblem(HttpStatusCode.BadRequest)).FieldErrors(field));
    }

    [Theory]
    [InlineData(5000, 10, false, HttpStatusCode.Unauthorized)]
    [InlineData(3, 12, false, HttpStatusCode.Unauthorized)]
    [InlineData(70, 300, false, HttpStatusCode.Unauthorized)]
    [InlineData(3, 60000, false, HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(3, 12, true, HttpStatusCode.Unauthorized)]
    public async Task Usernames_and_passwords_of_any_length_or_encoding_never_cause_a_5xx(int usernameLength, int passwordLength,
        bool brokenSurrogate, HttpStatusCode expected)
    {
        // NUL, an emoji, right-to-left overrides, a lone surrogate: none may reach PostgreSQL text as it came.
        var username = new string('é', usernameLength / 2) + "\u0000\uD83D\uDE92" + (brokenSurrogate ? "\uD800" : "")
            + new string('a', usernameLength / 2);
        var password = new string('\u202E', passwordLength / 2) + new string('x', passwordLength / 2);
        var response = await Infrastructure.Accounts.LoginAsync(Api, username, password);
        await response.AssertProblem(expected);
    }

    [Fact]
    public async Task Until_the_password_is_changed_only_me_and_auth_routes_answer()
    {
        var username = Infrastructure.Accounts.NewUsername("rina");
        var initial = await Infrastructure.Accounts.CreateAsync(Api, username, "supervisor", displayName: "Rina Wati");
        var login = await Infrastructure.Accounts.LoginAsync(Api, username, initial);
        var token = (await login.AssertJson(HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        var client = Infrastructure.Accounts.WithBearer(Api, token);

        var refused = await (await client.GetAsync("/api/v1/opds")).AssertProblem(HttpStatusCode.Forbidden);
        Assert.EndsWith("password-change-required", refused.GetProperty("type").GetString());
        var me = await (await client.GetAsync("/api/v1/me")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(username, me.GetProperty("username").GetString());
        Assert.True(me.GetProperty("must_change_password").GetBoolean());

        foreach (var (weak, why) in new[] { ("short1", "short"), (username, "username"), ("password1234", "common") })
        {
            var problem = await (await client.PostAsJsonAsync("/api/v1/me/password", new { current_password = initial, new_password = weak }))
                .AssertProblem(HttpStatusCode.BadRequest);
            Assert.True(problem.FieldErrors("new_password").Length > 0, why);
        }
        var wrong = await (await client.PostAsJsonAsync("/api/v1/me/password",
            new { current_password = "not-the-password", new_password = "Sungai-Serut-2026" })).AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(wrong.FieldErrors("current_password"));

        var changed = await client.PostAsJsonAsync("/api/v1/me/password",
            new { current_password = initial, new_password = "Sungai-Serut-2026" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var refreshed = await (await Infrastructure.Accounts.RefreshAsync(Api, Infrastructure.Accounts.RefreshTokenOf(login)))
            .AssertJson(HttpStatusCode.OK);
        Assert.False(refreshed.GetProperty("must_change_password").GetBoolean());
        var fresh = Infrastructure.Accounts.WithBearer(Api, refreshed.GetProperty("access_token").GetString()!);
        await (await fresh.GetAsync("/api/v1/opds")).AssertJson(HttpStatusCode.OK);
        await (await Infrastructure.Accounts.LoginAsync(Api, username, "Sungai-Serut-2026")).AssertJson(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refresh_rotates_the_token_and_a_reused_one_ends_the_whole_session()
    {
        var person = await Infrastructure.Accounts.SignedInAsync(Api, "calltaker");
        var first = person.RefreshToken;

        var rotated = await Infrastructure.Accounts.RefreshAsync(Api, first);
        await rotated.AssertJson(HttpStatusCode.OK);
        var second = Infrastructure.Accounts.RefreshTokenOf(rotated);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);

        // The first token again: someone copied it. The session ends, the legitimate newer token with it.
        await (await Infrastructure.Accounts.RefreshAsync(Api, first)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Infrastructure.Accounts.RefreshAsync(Api, second)).AssertProblem(HttpStatusCode.Unauthorized);

        var audit = await Audit(person.Username);
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "auth.refresh_reused");
    }

    [Fact]
    public async Task Refresh_without_or_with_an_unknown_cookie_is_401()
    {
        await (await Infrastructure.Accounts.RefreshAsync(Api, null)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Infrastructure.Accounts.RefreshAsync(Api, "bm90LWEtdG9rZW4")).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_and_clears_the_cookie()
    {
        var person = await Infrastructure.Accounts.SignedInAsync(Api, "calltaker");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Add("Cookie", $"b112_refresh={person.RefreshToken}");
        var response = await Infrastructure.Accounts.Anonymous(Api).SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cleared = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("b112_refresh=", StringComparison.Ordinal));
        Assert.Contains("expires=thu, 01 jan 1970", cleared.ToLowerInvariant());
        await (await Infrastructure.Accounts.RefreshAsync(Api, person.RefreshToken)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Infrastructure.Accounts.Anonymous(Api).PostAsync("/api/v1/auth/logout", null)).AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_but_not_this_one()
    {
        var person = await Infrastructure.Accounts.SignedInAsync(Api, "calltaker");
        var other = await Infrastructure.Accounts.LoginAsync(Api, person.Username, person.Password);
        var otherRefresh = Infrastructure.Accounts.RefreshTokenOf(await Ok(other));

        var changed = await person.Client.PostAsJsonAsync("/api/v1/me/password",
            new { current_password = person.Password, new_password = "Teluk-Segara-112" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        await (await Infrastructure.Accounts.RefreshAsync(Api, otherRefresh)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await Infrastructure.Accounts.RefreshAsync(Api, person.RefreshToken)).AssertJson(HttpStatusCode.OK);
        Assert.Contains(await Audit(person.Username), e => e.GetProperty("action").GetString() == "user.password_change");
    }

    [Fact]
    public async Task Me_answers_the_signed_in_person_and_404_for_a_programs_token()
    {
        var person = await Infrastructure.Accounts.SignedInAsync(Api, "supervisor", displayName: "Dewi Lestari");
        var me = await (await person.Client.GetAsync("/api/v1/me")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(person.Username, me.GetProperty("username").GetString());
        Assert.Equal("Dewi Lestari", me.GetProperty("display_name").GetString());
        Assert.False(me.GetProperty("must_change_password").GetBoolean());
        await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/me")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Sign_ins_and_failures_are_audited_with_the_client_address()
    {
        var person = await Infrastructure.Accounts.SignedInAsync(Api, "calltaker");
        await (await Infrastructure.Accounts.LoginAsync(Api, person.Username, "wrong-password!")).AssertProblem(HttpStatusCode.Unauthorized);

        var audit = await Audit(person.Username);
        var success = Assert.Single(audit, e => e.GetProperty("action").GetString() == "auth.sign_in");
        var failure = Assert.Single(audit, e => e.GetProperty("action").GetString() == "auth.sign_in_failed");
        Assert.Equal(person.Username, success.GetProperty("actor").GetString());
        Assert.StartsWith("Petugas", success.GetProperty("actor_name").GetString());
        Assert.True(success.GetProperty("details").TryGetProperty("client_address", out _));
        Assert.True(failure.GetProperty("details").TryGetProperty("client_address", out _));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "user.password_change");
    }

    private static async Task<HttpResponseMessage> Ok(HttpResponseMessage response)
    {
        await response.AssertJson(HttpStatusCode.OK);
        return response;
    }

    private async Task<List<System.Text.Json.JsonElement>> Audit(string username) =>
        [.. (await (await fixture.ClientAs("admin").GetAsync($"/api/v1/audit?subject=user:{username}"))
            .AssertJson(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()];
}
