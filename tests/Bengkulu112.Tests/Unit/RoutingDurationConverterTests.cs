using System.Text.Json;
using Bengkulu112.Api.Json;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class RoutingDurationConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new IsoDurationConverter() } };

    [Theory]
    [InlineData(0, 2, 0, "PT2M")]
    [InlineData(0, 15, 0, "PT15M")]
    [InlineData(4, 0, 0, "PT4H")]
    [InlineData(72, 0, 0, "P3D")]
    [InlineData(1, 30, 0, "PT1H30M")]
    [InlineData(0, 0, 45, "PT45S")]
    public void Durations_are_written_and_read_as_ISO_8601(int hours, int minutes, int seconds, string iso)
    {
        var value = new TimeSpan(hours, minutes, seconds);
        Assert.Equal($"\"{iso}\"", JsonSerializer.Serialize(value, Options));
        Assert.Equal(value, JsonSerializer.Deserialize<TimeSpan>($"\"{iso}\"", Options));
    }

    [Fact]
    public void Nullable_durations_use_the_same_format()
    {
        Assert.Equal(TimeSpan.FromDays(1.5), JsonSerializer.Deserialize<TimeSpan?>("\"P1DT12H\"", Options));
        Assert.Null(JsonSerializer.Deserialize<TimeSpan?>("null", Options));
    }

    [Theory]
    [InlineData("\"00:02:00\"")]
    [InlineData("\"2 minutes\"")]
    [InlineData("\"P\"")]
    [InlineData("\"PT\"")]
    [InlineData("\"P1Y\"")]
    [InlineData("\"P1M\"")]
    [InlineData("\"P1W\"")]
    [InlineData("\" PT2M\"")]
    [InlineData("\"P99999999999D\"")]
    [InlineData("120")]
    public void Anything_else_is_refused_with_a_clear_reason(string json)
    {
        var error = Assert.Throws<JsonFormatException>(() => JsonSerializer.Deserialize<TimeSpan>(json, Options));
        Assert.Contains("ISO 8601 duration", error.Reason);
    }
}
