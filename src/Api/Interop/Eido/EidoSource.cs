using System.Text.Json.Nodes;
using Bengkulu112.Api.Auth;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Microsoft.Extensions.Options;

namespace Bengkulu112.Api.Interop.Eido;

/// <summary>The EIDO of a ticket as one user may see it, or why not (the ticket grain's refusal).</summary>
public sealed record EidoResult(JsonObject? Eido, TicketDetails? Ticket, Refusal? Failure);

/// <summary>
/// Reads a ticket, its timeline and its calls from the grains, with the viewer's rights (an OPD user gets NotFound for a
/// ticket not assigned to its OPD, exactly like `GET /tickets/{id}`), and builds the EIDO.
/// </summary>
public sealed class EidoSource(IClusterClient grains, IOptions<InteropOptions> options)
{
    /// <summary>The EIDO carries the whole timeline (bounded by the note limits), read in pages of this size.</summary>
    private const int TimelinePageSize = 500;

    /// <summary>Only call takers and supervisors see caller numbers (SPEC.md §3).</summary>
    public static bool MaySeeNumbers(Actor viewer) => viewer.Role is Roles.CallTaker or Roles.Supervisor;

    public async Task<EidoResult> ForAsync(Guid ticketId, Actor viewer)
    {
        var grain = grains.GetGrain<ITicketGrain>(ticketId);
        var ticket = await grain.Get(viewer);
        if (ticket.Failure is { } failure)
            return new EidoResult(null, null, failure);
        var timeline = new List<TimelineEntry>();
        for (int? after = 0; after is { } from;)
        {
            var page = await grain.GetTimeline(viewer, from, TimelinePageSize);
            if (page.Failure is { } refused)
                return new EidoResult(null, null, refused);
            timeline.AddRange(page.Entries!);
            after = page.NextAfter;
        }
        var calls = await Task.WhenAll(ticket.Ticket!.CallIds.Select(id => grains.GetGrain<ICallGrain>(id).Get()));
        var input = new EidoInput(ticket.Ticket, timeline, [.. calls.OfType<CallDetails>()], MaySeeNumbers(viewer));
        return new EidoResult(EidoDocument.Build(input, options.Value), ticket.Ticket, null);
    }
}
