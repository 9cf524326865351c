using System.Text;
using Bengkulu112.Callers;
using Bengkulu112.Calls;
using Bengkulu112.Common;
using Bengkulu112.Silo.Hosting;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class CallGrainStateSerializationTests
{
    private readonly SystemTextJsonGrainStorageSerializer serializer = new();

    [Fact]
    public void Call_state_round_trips_with_enums_as_codes()
    {
        var state = new CallState
        {
            Fingerprint = "abc", CallerNumber = "+6281234567890", ReceivedAt = DateTimeOffset.UnixEpoch, Channel = Channel.Sms,
            CallTaker = "ct", Location = new Location("Jl. Suprapto", null, "Ratu Agung", -3.79, 102.26),
            Classification = Classification.WrongNumber, TicketId = Guid.NewGuid(), OpenedTicket = true,
            Screening = new Screening(4, 3, 1, true, "3 prank calls in the last 30 days"),
        };

        var data = serializer.Serialize(state);
        var json = Encoding.UTF8.GetString(data.ToArray());
        var back = serializer.Deserialize<CallState>(data);

        Assert.Contains("\"channel\":\"Sms\"", json);
        Assert.Contains("\"classification\":\"WrongNumber\"", json);
        Assert.Equal(state.Location, back.Location);
        Assert.Equal(state.Screening, back.Screening);
        Assert.Equal(Classification.WrongNumber, back.Classification);
        Assert.Equal(Channel.Sms, back.Channel);
        Assert.Equal(state.TicketId, back.TicketId);
        Assert.True(back.OpenedTicket);
    }

    [Fact]
    public void Caller_state_round_trips()
    {
        var state = new CallerState
        {
            TotalCalls = 2,
            Counts = { [Classification.Prank] = 1 },
            Calls = [new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, Classification.Prank), new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, null)],
            Flag = new SupervisorFlag("abuse", "sup", DateTimeOffset.UnixEpoch),
        };

        var back = serializer.Deserialize<CallerState>(serializer.Serialize(state));

        Assert.Equal(2, back.TotalCalls);
        Assert.Equal(1, back.Counts[Classification.Prank]);
        Assert.Equal(state.Calls, back.Calls);
        Assert.Equal(state.Flag, back.Flag);
    }
}
