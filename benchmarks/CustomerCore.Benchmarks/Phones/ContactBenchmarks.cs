using BenchmarkDotNet.Attributes;
using CustomerCore.Emails;
using CustomerCore.Phones;
using Microsoft.Extensions.Options;

namespace CustomerCore.Benchmarks.Phones;

/// <summary>Phone and email normalization throughput on a realistic mix (valid, formatted, full-width, invalid).</summary>
[MemoryDiagnoser]
public class ContactBenchmarks
{
    private readonly PhoneNormalizer _phones = new(Options.Create(new CustomerCoreOptions { DefaultRegion = "CN" }));
    private readonly EmailNormalizer _emails = new();
    private string[] _phoneInputs = [];
    private string[] _emailInputs = [];

    [Params(10_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] phoneShapes = ["138 {0:D4} {1:D4}", "+86 139-{0:D4}-{1:D4}", "010-6{0:D3}{1:D4}", "０２１－５{0:D3}{1:D4}", "(415) 555-{1:D4}", "12{0}"];
        string[] emailShapes = ["User{0}@Example.com", " zhang.{0}@163.COM ", "li{0}@例子.中国", "bad{0}@@x", "ｗａｎｇ{0}＠qq.com"];
        _phoneInputs = new string[Records];
        _emailInputs = new string[Records];
        for (var i = 0; i < Records; i++)
        {
            _phoneInputs[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, phoneShapes[random.Next(phoneShapes.Length)], random.Next(10_000), random.Next(10_000));
            _emailInputs[i] = string.Format(System.Globalization.CultureInfo.InvariantCulture, emailShapes[random.Next(emailShapes.Length)], random.Next(1_000_000));
        }
    }

    [Benchmark]
    public int NormalizePhones()
    {
        var ok = 0;
        foreach (var input in _phoneInputs)
        {
            if (_phones.Normalize(input, input.StartsWith('(') ? "US" : null).IsSuccess)
            {
                ok++;
            }
        }

        return ok;
    }

    [Benchmark]
    public int NormalizeEmails()
    {
        var ok = 0;
        foreach (var input in _emailInputs)
        {
            if (_emails.Normalize(input).IsSuccess)
            {
                ok++;
            }
        }

        return ok;
    }
}
