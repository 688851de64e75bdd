namespace CustomerCore.Samples.Web;

/// <summary>Maps the duplicate, merge and undo endpoints; they answer 501 until the lead wires the deduplication engine.</summary>
internal static class DuplicateEndpoints
{
    private const string Detail = "Duplicate detection, merge and undo are not wired into this host yet: they arrive with the deduplication capability (CustomerCore.Deduplication).";

    public static void MapDuplicateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Duplicates");
        group.MapGet("/customers/{id}/duplicates", (string id) => NotWired()).WithSummary("Lists likely duplicates of a customer with per-field explanations (501 until wired).");
        group.MapPost("/duplicates/merge", () => NotWired()).WithSummary("Merges duplicate customers (501 until wired).");
        group.MapPost("/duplicates/undo/{mergeId}", (string mergeId) => NotWired()).WithSummary("Undoes a merge (501 until wired).");
    }

    private static IResult NotWired() => Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Not implemented yet.", detail: Detail);
}
