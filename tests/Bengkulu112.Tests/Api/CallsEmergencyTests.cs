using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api;

/// <summary>Emergency calls open or join tickets.</summary>
public sealed class CallsEmergencyTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");

    private static object FireTicket => new
    {
        category = "fire",
        description = "house on fire, two people inside",
        location = new { address = "Jl. Suprapto 12", kelurahan = "Kebun Tebeng", lat = -3.7928, lon = 102.2608 },
    };

    private async Task<JsonElement> OpenTicketFromCall(string callId) =>
        await (await CallTaker.Classify(callId, new { classification = "emergency", ticket = FireTicket })).AssertJson(HttpStatusCode.OK);

    private async Task<JsonElement> Ticket(string id) =>
        await (await Supervisor.GetAsync($"/api/v1/tickets/{id}")).AssertJson(HttpStatusCode.OK);

    [Fact]
    public async Task An_emergency_opens_a_ticket_whose_id_is_the_call_id()
    {
        var number = CallRequests.NewNumber();
        var call = await CallTaker.RecordCall(number);

        var classified = await OpenTicketFromCall(call.Id());

        Assert.Equal("emergency", classified.GetProperty("classification").GetString());
        Assert.Equal(call.Id(), classified.GetProperty("ticket_id").GetString());
        var ticket = await Ticket(call.Id());
        Assert.Equal("open", ticket.GetProperty("status").GetString());
        Assert.Equal("fire", ticket.GetProperty("category").GetString());
        Assert.Contains(call.Id(), ticket.GetProperty("call_ids").EnumerateArray().Select(c => c.GetString()));
        var caller = await (await CallTaker.GetAsync($"/api/v1/callers/{number}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(1, caller.GetProperty("counts").GetProperty("emergency").GetInt32());
    }

    [Fact]
    public async Task A_second_call_about_the_same_incident_is_linked_to_the_ticket()
    {
        var first = await CallTaker.RecordCall(CallRequests.NewNumber());
        await OpenTicketFromCall(first.Id());
        var second = await CallTaker.RecordCall(CallRequests.NewNumber());

        var linked = await (await CallTaker.Classify(second.Id(), new { classification = "emergency", link_ticket_id = first.Id() }))
            .AssertJson(HttpStatusCode.OK);

        Assert.Equal(first.Id(), linked.GetProperty("ticket_id").GetString());
        var callIds = (await Ticket(first.Id())).GetProperty("call_ids").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains(first.Id(), callIds);
        Assert.Contains(second.Id(), callIds);
    }

    [Fact]
    public async Task A_call_that_opened_a_ticket_cannot_be_re_classified_even_by_a_supervisor()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());
        await OpenTicketFromCall(call.Id());

        await (await Supervisor.Classify(call.Id(), new { classification = "prank" })).AssertProblem(HttpStatusCode.Conflict);

        var read = await (await CallTaker.GetAsync($"/api/v1/calls/{call.Id()}")).AssertJson(HttpStatusCode.OK);
        Assert.Equal("emergency", read.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task A_supervisor_may_re_classify_a_linked_call()
    {
        var first = await CallTaker.RecordCall(CallRequests.NewNumber());
        await OpenTicketFromCall(first.Id());
        var second = await CallTaker.RecordCall(CallRequests.NewNumber());
        await (await CallTaker.Classify(second.Id(), new { classification = "emergency", link_ticket_id = first.Id() })).AssertJson(HttpStatusCode.OK);

        var reclassified = await Supervisor.ClassifyAs(second.Id(), "prank");

        Assert.Equal("prank", reclassified.GetProperty("classification").GetString());
        Assert.Equal(JsonValueKind.Null, reclassified.GetProperty("ticket_id").ValueKind);
    }

    [Fact]
    public async Task Linking_to_a_ticket_that_does_not_exist_names_link_ticket_id()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());

        await CallTaker.AssertClassifyRefused(call.Id(), new { classification = "emergency", link_ticket_id = Guid.NewGuid() },
            "link_ticket_id");
    }

    [Fact]
    public async Task A_ticket_refused_by_the_ticket_grain_leaves_the_call_unclassified_with_its_fields_under_ticket()
    {
        var call = await CallTaker.RecordCall(CallRequests.NewNumber());

        await CallTaker.AssertClassifyRefused(call.Id(), new
        {
            classification = "emergency",
            ticket = new { category = "other", description = "unclear", location = new { address = "Pasar Minggu" }, opd = "nosuchopd" },
        }, "ticket.opd");
    }

    [Fact]
    public async Task Linking_to_a_cancelled_ticket_is_a_409_with_its_status()
    {
        var first = await CallTaker.RecordCall(CallRequests.NewNumber());
        await OpenTicketFromCall(first.Id());
        await (await CallTaker.PostAsJsonAsync($"/api/v1/tickets/{first.Id()}/cancel", new { reason = "duplicate report" }))
            .AssertJson(HttpStatusCode.OK);
        var second = await CallTaker.RecordCall(CallRequests.NewNumber());

        var problem = await (await CallTaker.Classify(second.Id(), new { classification = "emergency", link_ticket_id = first.Id() }))
            .AssertProblem(HttpStatusCode.Conflict);

        Assert.Equal("cancelled", problem.GetProperty("current_status").GetString());
    }
}
