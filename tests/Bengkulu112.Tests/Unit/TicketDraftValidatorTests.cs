using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketDraftValidatorTests
{
    private static readonly Location Somewhere = new("Jl. Suprapto 12", null, null, -3.79, 102.26);

    private static TicketDraft Draft(string category = "fire", string description = "Rumah terbakar", Location? location = null,
        BloodRequest? blood = null, string? opd = null, IReadOnlyList<Guid>? calls = null) =>
        new(category, description, location ?? Somewhere, null, opd, calls ?? [], blood);

    private static IDictionary<string, string[]> Errors(TicketDraft draft, string prefix = "") =>
        TicketDraftValidator.Validate(draft, prefix: prefix).ToDictionary();

    [Fact]
    public void A_complete_draft_passes() => Assert.Empty(Errors(Draft()));

    [Fact]
    public void Fields_are_named_with_the_prefix() =>
        Assert.Equal(["ticket.category", "ticket.description"], Errors(Draft("volcano", ""), "ticket.").Keys.Order());

    [Theory]
    [InlineData(91, 0, "location.lat")]
    [InlineData(0, 181, "location.lon")]
    [InlineData(double.NaN, 0, "location.lat")]
    public void Coordinates_out_of_range_are_refused(double lat, double lon, string field) =>
        Assert.Contains(field, Errors(Draft(location: Somewhere with { Lat = lat, Lon = lon })).Keys);

    [Fact]
    public void Lat_without_lon_is_refused() =>
        Assert.Contains("location.lon", Errors(Draft(location: Somewhere with { Lon = null })).Keys);

    [Fact]
    public void A_ticket_needs_an_address() =>
        Assert.Contains("location.address", Errors(Draft(location: Somewhere with { Address = " " })).Keys);

    [Theory]
    [InlineData("AB+", 2, "RS", true)]
    [InlineData("O-", 100, "RS", true)]
    [InlineData("AB", 2, "RS", false)]
    [InlineData("a+", 2, "RS", false)]
    [InlineData("O+", 0, "RS", false)]
    [InlineData("O+", 101, "RS", false)]
    [InlineData("O+", 1, "", false)]
    public void Blood_requests_are_checked(string group, int units, string hospital, bool valid) =>
        Assert.Equal(valid, Errors(Draft("blood", blood: new BloodRequest(group, units, hospital))).Count == 0);

    [Fact]
    public void Blood_is_required_for_blood_and_refused_elsewhere()
    {
        Assert.Contains("blood", Errors(Draft("blood")).Keys);
        Assert.Contains("blood", Errors(Draft("fire", blood: new BloodRequest("A+", 1, "RS"))).Keys);
    }

    [Fact]
    public void Calls_must_not_repeat()
    {
        var call = Guid.NewGuid();
        Assert.Contains("call_ids", Errors(Draft(calls: [call, call])).Keys);
    }

    [Fact]
    public void An_opd_must_look_like_an_OPD_code() =>
        Assert.Contains("opd", Errors(Draft(opd: "Not A Code!")).Keys);
}
