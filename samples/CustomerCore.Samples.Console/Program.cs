using System.CommandLine;
using System.Reflection;
using CustomerCore.Samples.Console;

// 1. Collect the commands: each capability adds one ICommandModule class under Commands/,
//    so adding a command never edits this file.
var root = new RootCommand("CustomerCore: customer data from the command line (standardize, dedupe, segment, route, import, demo).");
foreach (var module in CommandModules.Discover(Assembly.GetExecutingAssembly()))
{
    root.Subcommands.Add(module.Build());
}

// 2. Run it: parsing and printing only, the work stays in the library.
return await root.Parse(args).InvokeAsync();
