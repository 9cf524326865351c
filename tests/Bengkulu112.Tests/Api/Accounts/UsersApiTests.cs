using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.Accounts;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>The admin routes of API.md "Accounts and sign-in": create, list, read, change, deactivate, reset.</summary>
public sealed class UsersApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ApiFactory Api => fixture.Api;
    private HttpClient Admin => fixture.ClientAs("admin");

    [Fact]
    public async Task An_admin_creates_an_account_shown_once_with_its_initial_password_and_a_second_one_is_409()
    {
        var username = NewUsername("ani");
        var response = await Admin.PostAsJsonAsync("/api/v1/users",
            new { username, display_name = "  Ani Marlina ", role = "calltaker" });
        var created = await response.AssertJson(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/users/{username}", response.Headers.Location?.OriginalString);
        Assert.Equal("Ani Marlina", created.GetProperty("display_name").GetString());
        Assert.True(created.GetProperty("must_change_password").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("opd").ValueKind);
        Assert.Equal(JsonValueKind.Null, created.GetProperty("last_sign_in_at").ValueKind);
        Assert.True(created.GetProperty("initial_password").GetString()!.Length >= 10);

        var read = await (await Admin.GetAsync($"/api/v1/users/{username}")).AssertJson(HttpStatusCode.OK);
        Assert.False(read.TryGetProperty("initial_password", out _));
        Assert.False(read.TryGetProperty("password_hash", out _));

        await (await Admin.PostAsJsonAsync("/api/v1/users", new { username, display_name = "Lain", role = "supervisor" }))
            .AssertProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_password_given_by_the_admin_is_not_echoed_and_must_still_be_changed()
    {
        var username = NewUsername("eko");
        var created = await (await Admin.PostAsJsonAsync("/api/v1/users",
            new { username, display_name = "Eko", role = "calltaker", password = "Ratu-Agung-Samban" })).AssertJson(HttpStatusCode.Created);
        Assert.False(created.TryGetProperty("initial_password", out _));
        var session = await (await LoginAsync(Api, username, "Ratu-Agung-Samban")).AssertJson(HttpStatusCode.OK);
        Assert.True(session.GetProperty("must_change_password").GetBoolean());
    }

    [Theory]
    [InlineData("""{"display_name":"A","role":"calltaker"}""", "username")]
    [InlineData("""{"username":"Ab","display_name":"A","role":"calltaker"}""", "username")]
    [InlineData("""{"username":"budi santoso","display_name":"A","role":"calltaker"}""", "username")]
    [InlineData("""{"username":"budi.s","role":"calltaker"}""", "display_name")]
    [InlineData("""{"username":"budi.s","display_name":"   ","role":"calltaker"}""", "display_name")]
    [InlineData("""{"username":"budi.s","display_name":"A"}""", "role")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"janitor"}""", "role")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"opd"}""", "opd")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"opd","opd":"nowhere"}""", "opd")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"calltaker","opd":"damkar"}""", "opd")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"calltaker","password":"short"}""", "password")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"calltaker","password":"budi.s"}""", "password")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"calltaker","password":"qwertyuiop"}""", "password")]
    [InlineData("""{"username":"budi.s","display_name":"A","role":"calltaker","roles":["admin"]}""", "roles")]
    public async Task Bad_account_fields_are_a_400_naming_the_field_and_create_nothing(string body, string field)
    {
        var response = await Admin.PostAsync("/api/v1/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.NotEmpty((await response.AssertProblem(HttpStatusCode.BadRequest)).FieldErrors(field));
        await (await Admin.GetAsync("/api/v1/users/budi.s")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_pages_in_username_order_and_filters_by_role_opd_and_active()
    {
        var prefix = "list" + Guid.NewGuid().ToString("N")[..6];
        foreach (var i in Enumerable.Range(0, 3))
            await CreateAsync(Api, $"{prefix}.{i}", "opd", "bpbd");
        await CreateAsync(Api, $"{prefix}.x", "calltaker");
        await (await Admin.PatchAsJsonAsync($"/api/v1/users/{prefix}.2", new { active = false })).AssertJson(HttpStatusCode.OK);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await Admin.GetAsync($"/api/v1/users?role=opd&opd=bpbd&limit=1{(cursor is null ? "" : "&cursor=" + cursor)}"))
                .AssertJson(HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);
        Assert.Equal([$"{prefix}.0", $"{prefix}.1", $"{prefix}.2"], seen.Where(u => u.StartsWith(prefix, StringComparison.Ordinal)));

        var inactive = await (await Admin.GetAsync("/api/v1/users?active=false&limit=500")).AssertJson(HttpStatusCode.OK);
        var names = inactive.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ToList();
        Assert.Contains($"{prefix}.2", names);
        Assert.DoesNotContain($"{prefix}.0", names);
    }

    [Theory]
    [InlineData("?role=janitor", "role")]
    [InlineData("?active=yes", "active")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?cursor=abc", "cursor")]
    [InlineData("?opd=NOT%20A%20CODE", "opd")]
    public async Task Bad_list_queries_are_a_400_naming_the_parameter(string query, string field) =>
        Assert.NotEmpty((await (await Admin.GetAsync("/api/v1/users" + query)).AssertProblem(HttpStatusCode.BadRequest)).FieldErrors(field));

    [Fact]
    public async Task Deactivation_ends_every_session_at_once_and_is_audited()
    {
        var person = await SignedInAsync(Api, "calltaker");
        var second = RefreshTokenOf(await LoginAsync(Api, person.Username, person.Password));

        var changed = await (await Admin.PatchAsJsonAsync($"/api/v1/users/{person.Username}", new { active = false }))
            .AssertJson(HttpStatusCode.OK);
        Assert.False(changed.GetProperty("active").GetBoolean());

        await (await RefreshAsync(Api, person.RefreshToken)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await RefreshAsync(Api, second)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await LoginAsync(Api, person.Username, person.Password)).AssertProblem(HttpStatusCode.Unauthorized);
        var audit = await (await Admin.GetAsync($"/api/v1/audit?subject=user:{person.Username}")).AssertJson(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "user.update"
            && !e.GetProperty("details").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_new_role_or_OPD_ends_the_sessions_whose_tokens_carry_the_old_one()
    {
        var person = await SignedInAsync(Api, "opd", "damkar");
        var moved = await (await Admin.PatchAsJsonAsync($"/api/v1/users/{person.Username}", new { opd = "bpbd", display_name = "Pindah" }))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal("bpbd", moved.GetProperty("opd").GetString());
        Assert.Equal("Pindah", moved.GetProperty("display_name").GetString());
        await (await RefreshAsync(Api, person.RefreshToken)).AssertProblem(HttpStatusCode.Unauthorized);

        var promoted = await (await Admin.PatchAsJsonAsync($"/api/v1/users/{person.Username}", new { role = "supervisor" }))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, promoted.GetProperty("opd").ValueKind);
        Assert.NotEmpty((await (await Admin.PatchAsJsonAsync($"/api/v1/users/{person.Username}", new { role = "opd" }))
            .AssertProblem(HttpStatusCode.BadRequest)).FieldErrors("opd"));
        await (await Admin.PatchAsJsonAsync("/api/v1/users/nobody.at.all", new { active = false })).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reset_gives_a_new_one_time_password_and_ends_the_sessions()
    {
        var person = await SignedInAsync(Api, "supervisor");
        var reset = await (await Admin.PostAsync($"/api/v1/users/{person.Username}/reset-password", null)).AssertJson(HttpStatusCode.OK);
        var initial = reset.GetProperty("initial_password").GetString()!;

        await (await RefreshAsync(Api, person.RefreshToken)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await LoginAsync(Api, person.Username, person.Password)).AssertProblem(HttpStatusCode.Unauthorized);
        var session = await (await LoginAsync(Api, person.Username, initial)).AssertJson(HttpStatusCode.OK);
        Assert.True(session.GetProperty("must_change_password").GetBoolean());
        var audit = await (await Admin.GetAsync($"/api/v1/audit?subject=user:{person.Username}")).AssertJson(HttpStatusCode.OK);
        var row = Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == "user.password_reset");
        Assert.DoesNotContain(initial, row.ToString());
        await (await Admin.PostAsync("/api/v1/users/nobody.at.all/reset-password", null)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_last_active_admin_account_cannot_be_deactivated_or_demoted()
    {
        var keeper = NewUsername("admin");
        await CreateAsync(Api, keeper, "admin");
        var others = await (await Admin.GetAsync("/api/v1/users?role=admin&active=true&limit=500")).AssertJson(HttpStatusCode.OK);
        foreach (var other in others.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("username").GetString()!).Where(u => u != keeper))
            await (await Admin.PatchAsJsonAsync($"/api/v1/users/{other}", new { active = false })).AssertJson(HttpStatusCode.OK);

        await (await Admin.PatchAsJsonAsync($"/api/v1/users/{keeper}", new { active = false })).AssertProblem(HttpStatusCode.Conflict);
        await (await Admin.PatchAsJsonAsync($"/api/v1/users/{keeper}", new { role = "supervisor" })).AssertProblem(HttpStatusCode.Conflict);
        var still = await (await Admin.GetAsync($"/api/v1/users/{keeper}")).AssertJson(HttpStatusCode.OK);
        Assert.True(still.GetProperty("active").GetBoolean());
        Assert.Equal("admin", still.GetProperty("role").GetString());
    }
}
