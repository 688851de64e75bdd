using System.Diagnostics;

namespace CustomerCore.Samples.Tests;

/// <summary>Runs the console tool as a child process and captures what a user would see.</summary>
internal static class ConsoleTool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "CustomerCore.Samples.Console.dll");
        var start = new ProcessStartInfo("dotnet", [tool, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
