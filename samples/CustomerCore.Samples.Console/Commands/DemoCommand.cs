using System.CommandLine;
using CustomerCore.Samples.Console.Demo;

namespace CustomerCore.Samples.Console.Commands;

/// <summary><c>demo</c>: the README's main job, end to end on the embedded store.</summary>
internal sealed class DemoCommand : ICommandModule
{
    public Command Build()
    {
        var db = new Option<FileInfo>("--db") { Description = "The SQLite file to create (replaced if it exists).", DefaultValueFactory = _ => new FileInfo("customers.db") };
        var output = new Option<DirectoryInfo>("--out") { Description = "The folder for the GeoJSON, the HTML map and the reports.", DefaultValueFactory = _ => new DirectoryInfo("demo-output") };
        var customers = new Option<int>("--customers") { Description = "How many customer rows to generate (with about 8 % duplicates).", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<int>("--seed") { Description = "The seed of the generated data set; the same seed gives the same run.", DefaultValueFactory = _ => 7 };
        customers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 50 or > 1_000_000)
            {
                r.AddError("--customers must be between 50 and 1,000,000.");
            }
        });

        var command = new Command("demo", "Generate a realistic data set, import it into SQLite, standardize, deduplicate, segment, plan a route, and write a map.")
        {
            db, output, customers, seed,
        };
        command.SetAction((parse, ct) => new DemoRunner(parse.GetValue(db)!, parse.GetValue(output)!, parse.GetValue(customers), parse.GetValue(seed)).RunAsync(ct));
        return command;
    }
}
