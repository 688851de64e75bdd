using CustomerCore.Customers;

namespace CustomerCore.Tests.Customers;

public sealed class NameNormalizerTests
{
    [Theory]
    [InlineData("  张 伟 ", "张伟")]
    [InlineData("ＺＨＡＮＧ　ＷＥＩ", "Zhang Wei")]
    [InlineData("JOHN   O'NEIL", "John O'Neil")]
    [InlineData("jean-luc picard", "Jean-Luc Picard")]
    [InlineData("McDonald", "McDonald")]
    [InlineData("van der Berg", "van der Berg")]
    [InlineData("北京 示例 科技有限公司", "北京示例科技有限公司")]
    [InlineData("Apple 中国", "Apple 中国")]
    [InlineData("a\u0000b\tc", "Ab C")]
    [InlineData("محمد", "محمد")]
    public void Normalize_TypedNames_ReturnsCleanForm(string input, string expected)
    {
        var result = NameNormalizer.Normalize(input);

        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\r\n ")]
    [InlineData("\u200B\uFEFF")]
    public void Normalize_BlankInput_ReturnsEmpty(string? input)
    {
        var result = NameNormalizer.Normalize(input);

        Assert.Equal(string.Empty, result);
    }
}
