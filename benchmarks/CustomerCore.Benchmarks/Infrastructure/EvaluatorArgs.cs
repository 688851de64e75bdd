using System.Globalization;

namespace CustomerCore.Benchmarks.Infrastructure;

/// <summary>Reads the <c>--name value</c> options of an evaluator's command line.</summary>
internal static class EvaluatorArgs
{
    /// <summary>Gets the value after <paramref name="name"/>, or <paramref name="fallback"/> when the option is absent or last.</summary>
    public static string Value(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    /// <summary>Gets the whole number after <paramref name="name"/>, or <paramref name="fallback"/> when the option is absent or last.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
