using System.Text;
using Bengkulu112.Api.Json;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class NulTextTests
{
    private static string? Find(string json) => NulText.FindPath(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"reason":"\u0000"}""", "$.reason")]
    [InlineData("""{"caller_number":"0812","location":{"address":"Jl. A\u0000"}}""", "$.location.address")]
    [InlineData("""{"categories":["fire",{"x":1},"a\u0000b"]}""", "$.categories[2]")]
    [InlineData("""{"a":[[1,2],["\u0000"]]}""", "$.a[1][0]")]
    [InlineData("""{"\u0000":1}""", "$.\0")]
    [InlineData("\"\\u0000\"", "$")]
    public void The_first_string_holding_U0000_is_named(string json, string path) => Assert.Equal(path, Find(json));

    [Theory]
    [InlineData("""{"reason":"ok","notes":"Rumah terbakar 😀"}""")]
    [InlineData("""{"notes":"a backslash then u0000: \\u0000"}""")]
    [InlineData("""{"notes" "\u0000"}""")] // not JSON: the route's own reading answers it
    [InlineData("")]
    public void Text_without_U0000_passes(string json) => Assert.Null(Find(json));
}
