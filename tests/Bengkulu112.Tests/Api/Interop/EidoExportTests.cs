using System.Net;
using System.Text.Json.Nodes;
using Bengkulu112.Tests.Api.Tickets;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Interop;

/// <summary>`GET /tickets/{id}/eido`: a ticket as the NENA-STA-021 EIDO a receiving center reads.</summary>
public sealed class EidoExportTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Center = "112.bengkulukota.go.id";
    private HttpClient CallTaker => fixture.ClientAs("calltaker");
    private HttpClient Supervisor => fixture.ClientAs("supervisor");
    private HttpClient Damkar => fixture.ClientAs("opd", "damkar");

    public static TheoryData<string, string> CategoryTypes() => new()
    {
        { "fire", "FUNK" }, { "animal", "ANIMAL" }, { "fallen_tree", "PUBWKS" }, { "accident", "MVA" },
        { "wasp_nest", "WILDLIFE" }, { "traffic", "THAZ" }, { "ambulance", "BLS" }, { "public_works", "PUBWKS" },
        { "public_order", "DISORD" }, { "disaster", "MAJORINC" }, { "blood", "ASSIST" }, { "other", "TROUBLE" },
    };

    private static object Body(string category) => new
    {
        category,
        description = $"Laporan {category} di Jl. Suprapto",
        location = new { address = "Jl. Suprapto No. 12", kelurahan = "Pasar Baru", kecamatan = "Teluk Segara", lat = -3.7928, lon = 102.2608 },
        opd = category == "other" ? "damkar" : null,
        blood = category == "blood" ? new { group = "O-", units = 3, hospital = "RSUD M. Yunus" } : null,
    };

    private static async Task<(string Text, JsonObject Eido)> Export(HttpClient client, string ticketId)
    {
        using var response = await client.GetAsync($"/api/v1/tickets/{ticketId}/eido");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/emergency.eido+json", response.Content.Headers.ContentType?.MediaType);
        return (text, EidoConformance.AssertConforms(text));
    }

    private static JsonObject Incident(JsonObject eido) => eido["incidentComponent"]!.AsObject();

    private static string[] Strings(JsonNode? array) => [.. array!.AsArray().Select(n => n!.GetValue<string>())];

    [Theory]
    [MemberData(nameof(CategoryTypes))]
    public async Task Every_category_exports_as_its_incident_type_with_the_ticket_number_as_internal_id(string category, string type)
    {
        var ticket = await CallTaker.CreateAsync(Body(category));

        var (_, eido) = await Export(Supervisor, ticket.Str("id"));

        var incident = Incident(eido);
        Assert.Equal(type, incident["incidentTypeCommonRegistryText"]!.GetValue<string>());
        Assert.Equal(category, incident["incidentTypeInternalCode"]!.GetValue<string>());
        Assert.Equal(ticket.Str("number"), incident["internalIncidentId"]!.GetValue<string>());
        Assert.Equal($"urn:emergency:uid:incidentid:{Guid.Parse(ticket.Str("id")):N}:{Center}", eido["$id"]!.GetValue<string>());
        Assert.Equal(["open"], Strings(incident["incidentStatusInternalText"]));
        Assert.Equal(["Active"], Strings(incident["incidentStatusCommonRegistryText"]));
        var location = eido["locationComponent"]![0]!;
        Assert.Equal("Incident", location["locationTypeDescriptionRegistryText"]!.GetValue<string>());
        Assert.Contains("<gml:pos>-3.7928 102.2608</gml:pos>", location["locationByValue"]!.GetValue<string>());
        Assert.Contains("<ca:A3>Teluk Segara</ca:A3>", location["locationByValue"]!.GetValue<string>());
        Assert.Contains("<ca:LOC>Jl. Suprapto No. 12</ca:LOC>", location["locationByValue"]!.GetValue<string>());
        if (category == "blood")
            Assert.Contains("O-", eido["notesComponent"]![0]!["notesActionComments"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_status_maps_to_its_registry_value_and_only_ended_tickets_carry_a_disposition()
    {
        var expected = new List<(string Status, string Registry, string? Disposition)>();
        var ticket = await CallTaker.CreateFireAsync();
        var seen = new List<(string, string, string?)>();
        async Task Check(string status, string registry, string? disposition)
        {
            var (_, eido) = await Export(Supervisor, ticket.Str("id"));
            var incident = Incident(eido);
            seen.Add((Strings(incident["incidentStatusInternalText"])[0], Strings(incident["incidentStatusCommonRegistryText"])[0],
                incident["dispositionComponent"]?[0]?["dispositionCommonRegistryCode"]?.GetValue<string>()));
            expected.Add((status, registry, disposition));
        }

        await Check("open", "Active", null);
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        await Check("escalated", "Dispatched", null);
        await Damkar.CommandAsync(ticket, "acknowledge").OkAsync();
        await Check("acknowledged", "Acknowledged", null);
        await Damkar.CommandAsync(ticket, "on-scene").OkAsync();
        await Check("on_scene", "OnScene", null);
        await Damkar.CommandAsync(ticket, "resolve", new { note = "Api padam" }).OkAsync();
        await Check("resolved", "Cleared", null);
        await CallTaker.CommandAsync(ticket, "close", new { note = "Pelapor mengonfirmasi" }).OkAsync();
        await Check("closed", "Closed", "Completed");

        var other = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(other, "cancel", new { reason = "Laporan ganda" }).OkAsync();
        var (_, cancelled) = await Export(Supervisor, other.Str("id"));
        var incident = Incident(cancelled);
        seen.Add((Strings(incident["incidentStatusInternalText"])[0], Strings(incident["incidentStatusCommonRegistryText"])[0],
            incident["dispositionComponent"]?[0]?["dispositionCommonRegistryCode"]?.GetValue<string>()));
        expected.Add(("cancelled", "Closed", "Cancelled"));
        Assert.Equal("Laporan ganda", incident["dispositionComponent"]![0]!["dispositionDescriptionText"]!.GetValue<string>());

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task The_center_and_each_assigned_OPD_are_agencies_with_their_roles_and_the_timeline_is_notes()
    {
        var ticket = await CallTaker.CreateFireAsync(); // fire: damkar leads, dinkes supports
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        await Damkar.PostAsync($"/api/v1/tickets/{ticket.Str("id")}/notes", System.Net.Http.Json.JsonContent.Create(new { text = "Dua unit berangkat" }));

        var (_, eido) = await Export(Supervisor, ticket.Str("id"));

        var agencies = eido["agencyComponent"]!.AsArray().Select(a => (
            Id: a!["$id"]!.GetValue<string>(), Roles: Strings(a["agencyRoleDescriptionRegistryText"]), Types: Strings(a["agencyType"]),
            Owner: a["incidentOwningAgencyIndicator"]!.GetValue<bool>())).ToList();
        Assert.Equal((Center, "CallReceiving", "psap", true), (agencies[0].Id, agencies[0].Roles.Single(), agencies[0].Types.Single(), agencies[0].Owner));
        Assert.Equal(3, agencies.Count);
        Assert.Equal(("damkar.bengkulukota.go.id", "Responding", "fire", false), (agencies[1].Id, agencies[1].Roles.Single(), agencies[1].Types.Single(), agencies[1].Owner));
        Assert.Equal(("dinkes.bengkulukota.go.id", "Assisting", "ems"), (agencies[2].Id, agencies[2].Roles.Single(), agencies[2].Types.Single()));

        var notes = eido["notesComponent"]!.AsArray().Select(n => n!["notesActionComments"]!.GetValue<string>()).ToList();
        var timeline = await (await Supervisor.GetAsync($"/api/v1/tickets/{ticket.Str("id")}/timeline")).AssertJson(HttpStatusCode.OK);
        Assert.Equal(timeline.GetArrayLength() + 1, notes.Count); // the description, then one note per timeline entry
        Assert.StartsWith("created", notes[1]);
        Assert.StartsWith("escalated (open → escalated)", notes[2]);
        Assert.Contains("Dua unit berangkat", notes[^1]);
        var referenced = Incident(eido)["notesReference"]!.AsArray().Select(r => r!["$ref"]!.GetValue<string>());
        Assert.Equal(eido["notesComponent"]!.AsArray().Select(n => n!["$id"]!.GetValue<string>()), referenced);
    }

    [Fact]
    public async Task Exports_of_an_unchanged_ticket_are_identical_and_ids_survive_changes()
    {
        var ticket = await CallTaker.CreateFireAsync();
        var (first, before) = await Export(Supervisor, ticket.Str("id"));
        var (second, _) = await Export(Supervisor, ticket.Str("id"));
        Assert.Equal(first, second);

        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        var (_, after) = await Export(Supervisor, ticket.Str("id"));
        var kept = EidoConformance.Ids(before);
        Assert.All(kept, id => Assert.Contains(id, EidoConformance.Ids(after)));
        Assert.All(kept.Where(i => i.StartsWith("urn:uuid:")), id => Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id));
    }

    [Fact]
    public async Task The_caller_is_a_person_with_a_callback_for_call_takers_and_supervisors_only()
    {
        var number = CallRequests.NewNumber();
        var call = await CallTaker.RecordCall(new { caller_number = number, channel = "voice" });
        var classified = await (await CallTaker.Classify(call.Str("id"), new
        {
            classification = "emergency",
            ticket = new { category = "fire", description = "Rumah terbakar", location = new { address = "Jl. Suprapto No. 12" } },
        })).AssertJson(HttpStatusCode.OK);
        var ticketId = classified.Str("ticket_id");
        await CallTaker.CommandAsync(ticketId, "escalate").OkAsync();

        foreach (var reader in new[] { CallTaker, Supervisor })
        {
            var (text, eido) = await Export(reader, ticketId);
            var person = eido["personComponent"]!.AsArray().Single()!;
            Assert.Equal(["Caller"], Strings(person["personIncidentRoleRegistryText"]));
            var callId = $"urn:emergency:uid:callid:{Guid.Parse(call.Str("id")):N}:{Center}";
            Assert.Equal([callId], Strings(person["callIdentifier"]));
            var callback = eido["callbackComponent"]!.AsArray().Single()!;
            Assert.Equal(person["callBackReference"]!["$ref"]!.GetValue<string>(), callback["$id"]!.GetValue<string>());
            Assert.Equal(["tel:" + CallRequests.E164(number)], Strings(callback["callBackInformationUri"]));
            var callComponent = eido["callComponent"]!.AsArray().Single()!;
            Assert.Equal(callId, callComponent["$id"]!.GetValue<string>());
            Assert.Equal(callback["$id"]!.GetValue<string>(), callComponent["callBackReference"]!["$ref"]!.GetValue<string>());
            Assert.Equal("voice", callComponent["localCallType"]!.GetValue<string>());
            Assert.Contains(number[1..], text);
        }
        foreach (var reader in new[] { Damkar, fixture.ClientAs("admin") })
        {
            var (text, eido) = await Export(reader, ticketId);
            Assert.Null(eido["personComponent"]);
            Assert.Null(eido["callbackComponent"]);
            Assert.Single(eido["callComponent"]!.AsArray());
            // The number in any of its forms (0812…, +62812…, 62812…) contains its digits after the leading 0. A pattern
            // for phone numbers in general would also match digit runs inside the document's random ids.
            Assert.DoesNotContain(number[1..], text);
        }
    }

    [Fact]
    public async Task Unknown_tickets_and_tickets_of_another_OPD_are_404()
    {
        await (await Supervisor.GetAsync($"/api/v1/tickets/{Guid.NewGuid()}/eido")).AssertProblem(HttpStatusCode.NotFound);
        await (await Supervisor.GetAsync("/api/v1/tickets/not-a-ticket/eido")).AssertProblem(HttpStatusCode.NotFound);
        var ticket = await CallTaker.CreateFireAsync();
        await CallTaker.CommandAsync(ticket, "escalate").OkAsync();
        await (await fixture.ClientAs("opd", "bpbd").GetAsync($"/api/v1/tickets/{ticket.Str("id")}/eido")).AssertProblem(HttpStatusCode.NotFound);
        await Export(Damkar, ticket.Str("id"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.ClientAs(null).GetAsync($"/api/v1/tickets/{ticket.Str("id")}/eido")).StatusCode);
    }
}
