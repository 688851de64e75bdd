using System.CommandLine;
using System.Reflection;

namespace CustomerCore.Samples.Console;

/// <summary>One top-level command of the tool (standardize, dedupe, segment, route, import, demo, ...).</summary>
internal interface ICommandModule
{
    /// <summary>Builds the command with its options and action.</summary>
    Command Build();
}

internal static class CommandModules
{
    public static IEnumerable<ICommandModule> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommandModule).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ICommandModule)Activator.CreateInstance(t)!);
}
