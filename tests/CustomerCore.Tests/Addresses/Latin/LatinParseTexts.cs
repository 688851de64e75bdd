using CustomerCore.Addresses.Latin;

namespace CustomerCore.Tests.Addresses.Latin;

/// <summary>Reads the input text of labelled spans, and checks that spans stay ordered, disjoint and inside the input.</summary>
internal static class LatinParseTexts
{
    public static List<string> Texts(string input, LatinParse parse, LatinComponent component)
    {
        var texts = new List<string>();
        foreach (var span in parse.Spans)
        {
            if (span.Component == component)
            {
                texts.Add(input.Substring(span.Start, span.Length));
            }
        }

        return texts;
    }

    public static string? Text(string input, LatinParse parse, LatinComponent component)
    {
        var texts = Texts(input, parse, component);
        return texts.Count == 0 ? null : texts[0];
    }

    public static void AssertOrderedInside(string input, LatinParse parse)
    {
        var end = 0;
        foreach (var span in parse.Spans)
        {
            Assert.True(span.Start >= end && span.Length > 0 && span.Start + span.Length <= input.Length);
            end = span.Start + span.Length;
        }
    }
}
