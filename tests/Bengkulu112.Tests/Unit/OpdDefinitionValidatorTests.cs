using Bengkulu112.Opds;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class OpdDefinitionValidatorTests
{
    [Fact]
    public void Every_default_OPD_is_valid()
    {
        foreach (var (code, definition) in DefaultOpds.All)
            Assert.True(OpdDefinitionValidator.Validate(code, definition).IsEmpty, code);
    }

    [Theory]
    [InlineData("D")]
    [InlineData("damkar-kota")]
    [InlineData("1abc")]
    [InlineData("a")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public void Malformed_codes_are_refused(string code)
    {
        var errors = OpdDefinitionValidator.Validate(code, new OpdDefinition("Name", [], null, true)).ToDictionary();
        Assert.True(errors.ContainsKey("code"));
    }

    [Fact]
    public void An_OPD_cannot_be_its_own_backup()
    {
        var errors = OpdDefinitionValidator.Validate("damkar", new OpdDefinition("Damkar", ["fire"], "damkar", true)).ToDictionary();
        Assert.True(errors.ContainsKey("backup_opd"));
    }

    [Fact]
    public void Unknown_and_repeated_categories_are_refused()
    {
        var errors = OpdDefinitionValidator.Validate("damkar", new OpdDefinition("Damkar", ["fire", "fire", "volcano"], null, true)).ToDictionary();
        Assert.Equal(2, errors["categories"].Length);
    }

    [Fact]
    public void Names_are_required_and_bounded()
    {
        Assert.True(OpdDefinitionValidator.Validate("damkar", new OpdDefinition(" ", [], null, true)).ToDictionary().ContainsKey("name"));
        Assert.True(OpdDefinitionValidator.Validate("damkar", new OpdDefinition(new string('x', 201), [], null, true)).ToDictionary().ContainsKey("name"));
    }
}
