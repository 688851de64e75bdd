using CustomerCore.TestSupport;

namespace CustomerCore.Tests.Conventions;

public sealed class PublicApiConventionTests
{
    private static readonly System.Reflection.Assembly s_core = typeof(CustomerCoreOptions).Assembly;

    [Fact]
    public void PublicAsyncMethods_TakeCancellationTokenLast()
    {
        var offenders = ApiConventions.AsyncMethodsWithoutCancellationToken(s_core);

        Assert.Empty(offenders);
    }

    [Fact]
    public void PublicClasses_AreSealedAbstractOrStatic()
    {
        var offenders = ApiConventions.UnsealedPublicClasses(s_core);

        Assert.Empty(offenders);
    }

    [Fact]
    public void PublicSignatures_DoNotExposeThirdPartyTypes()
    {
        var offenders = ApiConventions.LeakedThirdPartyTypes(s_core);

        Assert.Empty(offenders);
    }

    [Fact]
    public void Source_DoesNotUseWallClock()
    {
        var src = Path.Combine(RepoRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("DateTime.Now", StringComparison.Ordinal) || text.Contains("DateTimeOffset.Now", StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offenders);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CustomerCore.sln not found above the test output folder.");
    }
}
