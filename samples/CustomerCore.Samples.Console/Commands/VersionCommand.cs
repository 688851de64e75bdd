using System.CommandLine;
using System.Reflection;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>version</c>: prints the library version, so scripts can check what they run.</summary>
internal sealed class VersionCommand : ICommandModule
{
    public Command Build()
    {
        var command = new Command("version", "Print the CustomerCore library version.");
        command.SetAction(_ =>
        {
            var version = typeof(CustomerCoreOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            System.Console.WriteLine(version);
            return 0;
        });
        return command;
    }
}
