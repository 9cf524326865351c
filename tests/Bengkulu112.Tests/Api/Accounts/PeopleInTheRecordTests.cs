using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Api.Feeds;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;
using static Bengkulu112.Tests.Infrastructure.Accounts;

namespace Bengkulu112.Tests.Api.Accounts;

/// <summary>Timelines, alerts and audit rows name people by username and display name; programs have no display name.</summary>
public sealed class PeopleInTheRecordTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_timeline_says_who_opened_escalated_and_acknowledged_by_username_and_display_name()
    {
        var callTaker = await SignedInAsync(fixture.Api, "calltaker", displayName: "Siti Aminah");
        var damkar = await SignedInAsync(fixture.Api, "opd", "damkar", "Regu Damkar Satu");
        var ticket = await callTaker.Client.CreateFireAsync();
        await callTaker.Client.CommandAsync(ticket, "escalate").OkAsync();
        await damkar.Client.CommandAsync(ticket, "acknowledge").OkAsync();
        await fixture.ClientAs("supervisor").CommandAsync(ticket, "notes", new { text = "Dipantau" });

        var timeline = await (await callTaker.Client.GetAsync($"/api/v1/tickets/{ticket.GetProperty("id").GetString()}/timeline")).AssertJson(HttpStatusCode.OK);
        var entries = timeline.EnumerateArray().ToList();
        var byKind = entries.ToDictionary(e => e.GetProperty("kind").GetString()!, e => e);
        Assert.Equal(callTaker.Username, byKind["created"].GetProperty("actor").GetString());
        Assert.Equal("Siti Aminah", byKind["created"].GetProperty("actor_name").GetString());
        Assert.Equal("Siti Aminah", byKind["escalated"].GetProperty("actor_name").GetString());
        Assert.Equal(damkar.Username, byKind["acknowledged"].GetProperty("actor").GetString());
        Assert.Equal("Regu Damkar Satu", byKind["acknowledged"].GetProperty("actor_name").GetString());
        // A program's token has no display name.
        Assert.Equal("test-supervisor", byKind["note"].GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, byKind["note"].GetProperty("actor_name").ValueKind);
    }

    [Fact]
    public async Task An_alert_names_the_supervisor_who_acknowledged_it()
    {
        var supervisor = await SignedInAsync(fixture.Api, "supervisor", displayName: "Pak Harun");
        var alert = await AlertRows.InsertAsync(fixture.ConnectionString);
        var acknowledged = await (await supervisor.Client.PostAsync($"/api/v1/alerts/{alert.Id}/acknowledge", null))
            .AssertJson(HttpStatusCode.OK);
        Assert.Equal(supervisor.Username, acknowledged.GetProperty("acknowledged_by").GetString());
        Assert.Equal("Pak Harun", acknowledged.GetProperty("acknowledged_by_name").GetString());

        var older = await AlertRows.InsertAsync(fixture.ConnectionString);
        var open = await (await fixture.ClientAs("supervisor").GetAsync("/api/v1/alerts?status=open")).AssertJson(HttpStatusCode.OK);
        var listed = Assert.Single(open.GetProperty("items").EnumerateArray(), a => a.GetProperty("id").GetInt64() == older.Id);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("acknowledged_by_name").ValueKind);
    }

    [Fact]
    public async Task Audit_rows_carry_the_display_name_of_the_person_who_changed_something()
    {
        var admin = await SignedInAsync(fixture.Api, "admin", displayName: "Admin Diskominfo");
        var username = NewUsername("yuni");
        await (await admin.Client.PostAsync("/api/v1/users", JsonContent.Create(new { username, display_name = "Yuni", role = "calltaker" })))
            .AssertJson(HttpStatusCode.Created);
        var audit = await (await admin.Client.GetAsync($"/api/v1/audit?subject=user:{username}")).AssertJson(HttpStatusCode.OK);
        var row = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("user.create", row.GetProperty("action").GetString());
        Assert.Equal(admin.Username, row.GetProperty("actor").GetString());
        Assert.Equal("Admin Diskominfo", row.GetProperty("actor_name").GetString());
    }
}
