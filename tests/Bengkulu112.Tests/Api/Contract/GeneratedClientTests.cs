using Bengkulu112.Client;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Contract;

/// <summary>
/// The API through a client generated from the published document (tests/Bengkulu112.ApiClient, NSwag), as a consumer
/// would use it: typed requests and answers, headers as parameters, refusals as typed exceptions.
/// </summary>
public sealed class GeneratedClientTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static TicketCreateRequest Fire() => new()
    {
        Category = "fire",
        Description = "Rumah terbakar di Jl. Suprapto",
        Location = new LocationBody { Address = "Jl. Suprapto No. 12", Kelurahan = "Pasar Baru", Kecamatan = "Teluk Segara", Lat = -3.7928, Lon = 102.2608 },
    };

    private static string ETag(TicketResponse ticket) => $"\"{ticket.Version}\"";

    [Fact]
    public async Task A_generated_client_drives_a_ticket_through_its_life_retries_safely_and_gets_typed_refusals()
    {
        var callTaker = new Bengkulu112Client(fixture.ClientAs("calltaker"));
        var opd = new Bengkulu112Client(fixture.ClientAs("opd", "damkar"));

        // An idempotent retry: the same key and body answer the same ticket; another body with that key is refused.
        var key = Guid.NewGuid().ToString();
        var ticket = await callTaker.CreateTicketAsync(Fire(), key);
        Assert.Equal(TicketStatus.Open, ticket.Status);
        Assert.Equal(ticket.Id, (await callTaker.CreateTicketAsync(Fire(), key)).Id);
        var reused = await Assert.ThrowsAsync<ApiException<Problem>>(() => callTaker.CreateTicketAsync(new TicketCreateRequest
        {
            Category = "fire", Description = "another incident", Location = Fire().Location,
        }, key));
        Assert.Equal(422, reused.StatusCode);

        var id = ticket.Id.ToString();
        ticket = await callTaker.EscalateTicketAsync(id, ETag(ticket), new EscalateRequest());
        Assert.Equal("damkar", ticket.Opd);
        ticket = await opd.AcknowledgeTicketAsync(id, ETag(ticket), new NoteRequest { Note = "Unit 3 berangkat" });
        var stale = await Assert.ThrowsAsync<ApiException<PreconditionProblem>>(() => opd.MarkTicketOnSceneAsync(id, "\"1\"", new NoteRequest()));
        Assert.Equal(ticket.Version, stale.Result.Current_version);
        ticket = await opd.MarkTicketOnSceneAsync(id, ETag(ticket), new NoteRequest());
        var note = await opd.AddTicketNoteAsync(id, new NoteCreateRequest { Text = "Api mulai padam" }, Guid.NewGuid().ToString());
        Assert.Equal("Api mulai padam", note.Text);
        ticket = await opd.ResolveTicketAsync(id, null, new NoteRequest { Note = "Api padam" });
        ticket = await callTaker.CloseTicketAsync(id, ETag(ticket), new NoteRequest());
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal(TicketStatus.Closed, (await opd.GetTicketAsync(id)).Status);
        var timeline = await callTaker.GetTicketTimelineAsync(id, limit: "2");
        Assert.Equal(["created", "escalated"], timeline.Items.Select(e => e.Kind));
        var rest = await callTaker.GetTicketTimelineAsync(id, limit: "500", cursor: timeline.Next_cursor);
        Assert.Contains(rest.Items, e => e.Kind == "note");
        Assert.Null(rest.Next_cursor);

        // A transition the current status does not allow: a typed 409 naming that status.
        var conflict = await Assert.ThrowsAsync<ApiException<ConflictProblem>>(() => opd.AcknowledgeTicketAsync(id, null, new NoteRequest()));
        Assert.Equal(409, conflict.StatusCode);
        Assert.Equal("closed", conflict.Result.Current_status);

        // Field errors are typed too.
        var invalid = await Assert.ThrowsAsync<ApiException<ValidationProblem>>(() => callTaker.CreateTicketAsync(new TicketCreateRequest { Category = "fire" }));
        Assert.Contains("description", invalid.Result.Errors.Keys);
    }
}
