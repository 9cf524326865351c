using Bengkulu112.Api.Problems;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class JsonFieldPathTests
{
    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.categories", "categories")]
    [InlineData("$.location.lat", "location.lat")]
    [InlineData("$.categories[1]", "categories[1]")]
    [InlineData("$['odd name']", "odd name")]
    public void Json_paths_become_field_names(string? path, string field) => Assert.Equal(field, JsonFieldPath.ToField(path));
}
