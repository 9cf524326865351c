using Bengkulu112.Callers;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("081234567890")]
    [InlineData("6281234567890")]
    [InlineData("+6281234567890")]
    [InlineData("+62 812-3456-7890")]
    [InlineData(" 0812 3456 7890 ")]
    public void Indonesian_forms_of_one_number_are_one_caller(string input)
    {
        Assert.Equal("+6281234567890", PhoneNumber.TryNormalize(input, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Landlines_and_foreign_numbers_keep_their_own_country_code()
    {
        Assert.Equal("+62736123456", PhoneNumber.TryNormalize("(0736) 123456", out _));
        Assert.Equal("+6591234567", PhoneNumber.TryNormalize("+65 9123 4567", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("12")]
    [InlineData("+0000000000000000000000000000000000")]
    public void Garbage_is_refused_with_a_reason(string input)
    {
        Assert.Null(PhoneNumber.TryNormalize(input, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}

public sealed class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+6281273451234", "+628********34")]
    [InlineData("12345", "***")]
    public void A_number_keeps_only_its_first_and_last_digits(string number, string masked) =>
        Assert.Equal(masked, Callers.PhoneNumberMask.Mask(number));

    [Fact]
    public void Ids_inside_a_path_are_left_alone() =>
        Assert.Equal("/api/v1/tickets/32e85299-77f7-4174-8950-3ffdbfc1eb1f/notes",
            Callers.PhoneNumberMask.MaskIn("/api/v1/tickets/32e85299-77f7-4174-8950-3ffdbfc1eb1f/notes"));

    [Fact]
    public void Numbers_inside_a_path_are_masked() =>
        Assert.Equal("/api/v1/callers/%2B6**********34/flag", Callers.PhoneNumberMask.MaskIn("/api/v1/callers/%2B6281273451234/flag"));
}
