using System.Text;
using CustomerCore.Import;

namespace CustomerCore.Tests.Import;

public sealed class TextEncodingDetectorTests
{
    [Fact]
    public void Detect_Utf8CutMidCharacter_StillUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("姓名");

        var encoding = TextEncodingDetector.Detect(bytes.AsSpan(0, bytes.Length - 1));

        Assert.Equal(Encoding.UTF8.CodePage, encoding.CodePage);
    }

    [Fact]
    public void Detect_Gb18030Bytes_ReturnsGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(54936).GetBytes("客户名称,联系电话");

        var encoding = TextEncodingDetector.Detect(bytes);

        Assert.Equal(54936, encoding.CodePage);
    }
}
