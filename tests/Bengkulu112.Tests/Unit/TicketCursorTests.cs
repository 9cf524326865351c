using Bengkulu112.Api.Queries;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class TicketCursorTests
{
    [Fact]
    public void A_cursor_round_trips()
    {
        var cursor = new TicketCursor(new DateTimeOffset(2026, 11, 28, 21, 40, 11, 123, TimeSpan.Zero), Guid.NewGuid());
        Assert.True(TicketCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
        Assert.DoesNotContain('=', cursor.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("bm9wZQ")]
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5OmFiYw")]
    public void Garbage_is_not_a_cursor(string text) => Assert.False(TicketCursor.TryParse(text, out _));
}
