namespace CustomerCore.TestSupport;

/// <summary>Finds the shared benchmark data folder (`../shared/data` beside the repository root).</summary>
/// <remarks>Tests that read it fail with a clear message when it is missing: CI always has it.</remarks>
public static class SharedData
{
    private static readonly Lazy<string> s_root = new(Find);

    public static string Root => s_root.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("CUSTOMERCORE_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerCore.sln")))
            {
                var beside = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                if (Directory.Exists(beside))
                {
                    return beside;
                }
            }
        }

        throw new DirectoryNotFoundException("The shared benchmark data was not found: expected ../shared/data beside the repository root, or set CUSTOMERCORE_SHARED_DATA.");
    }
}
