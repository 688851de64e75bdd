using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Deduplication;

namespace CustomerCore.Samples.Web;

/// <summary>Maps the duplicate, merge and undo endpoints over the deduplication engine and the merge journal.</summary>
/// <remarks>Duplicates are found from the store's phone, email and name indexes and shown only when the caller may see
/// them; merging and undoing are for admins and managers, on customers they can see (the library writes both to the audit log).</remarks>
internal static class DuplicateEndpoints
{
    private static readonly string[] s_mergeRoles = [AccessRoles.Admin, AccessRoles.Manager];

    public static void MapDuplicateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Duplicates");
        group.MapGet("/customers/{id}/duplicates", FindAsync).WithSummary("Lists likely duplicates of a customer with per-field explanations.");
        group.MapPost("/duplicates/merge", MergeAsync).WithSummary("Merges duplicates into a surviving customer; the journal id undoes it.");
        group.MapPost("/duplicates/undo/{mergeId}", UndoAsync).WithSummary("Undoes a merge, restoring every merged customer exactly.");
    }

    internal static async Task<IResult> FindAsync(HttpContext http, ICustomerService customers, ICustomerDuplicateFinder finder, string id, CancellationToken cancellationToken)
    {
        var (caller, customer, problem) = await CustomerEndpoints.LoadAsync(http, customers, id, cancellationToken);
        if (customer is null)
        {
            return problem!;
        }

        var found = new List<DuplicateView>();
        foreach (var candidate in await finder.FindDuplicatesAsync(customer, 10, cancellationToken))
        {
            // Only what the caller may see: a rep never learns that another rep holds the same person.
            if (CustomerId.TryParse(candidate.Pair.RightId, out var otherId) && await customers.GetAsync(caller, otherId, cancellationToken) is { } other)
            {
                found.Add(new DuplicateView(other.Id, other.DisplayName, other.OwnerId, candidate.Pair.Probability, candidate.Pair.MatchWeight,
                    [.. candidate.Pair.Contributions.Select(c => new FieldView(c.Field, c.Level.ToString(), c.Weight))]));
            }
        }

        return Results.Ok(new { customerId = customer.Id, duplicates = found });
    }

    internal static async Task<IResult> MergeAsync(
        HttpContext http, ICustomerService customers, IMergeService merges, MergeRequest request, CancellationToken cancellationToken)
    {
        var caller = DemoUsers.Resolve(http);
        if (!MayMerge(caller))
        {
            return Forbidden();
        }

        if (request.MergeIds is not { Count: > 0 } || request.MergeIds.Contains(request.SurvivorId) || request.MergeIds.Distinct().Count() != request.MergeIds.Count)
        {
            return Results.Problem(statusCode: 400, title: "Give a survivor and one or more other, distinct customers to merge into it.");
        }

        CustomerId[] ids = [request.SurvivorId, .. request.MergeIds];
        foreach (var id in ids)
        {
            if (await customers.GetAsync(caller, id, cancellationToken) is null)
            {
                return Results.NotFound();
            }
        }

        var plan = await merges.PlanAsync(ids, cancellationToken: cancellationToken);
        if (!plan.IsSuccess)
        {
            return Results.Problem(statusCode: 409, title: "The merge could not be planned.", detail: plan.Error?.ToString());
        }

        var result = await merges.MergeAsync(plan.Plan, caller.UserId, cancellationToken);
        if (!result.IsSuccess)
        {
            return Results.Problem(statusCode: 409, title: "The merge did not run.", detail: result.Error?.ToString());
        }

        return Results.Ok(new { mergeId = result.Journal.Id.ToString(), survivorId = result.Survivor.Id, merged = request.MergeIds });
    }

    internal static async Task<IResult> UndoAsync(HttpContext http, IMergeService merges, string mergeId, CancellationToken cancellationToken)
    {
        var caller = DemoUsers.Resolve(http);
        if (!MayMerge(caller))
        {
            return Forbidden();
        }

        if (!MergeJournalId.TryParse(mergeId, out var journalId))
        {
            return Results.Problem(statusCode: 400, title: "Invalid merge id.", detail: "Use the mergeId the merge returned.");
        }

        var result = await merges.UnmergeAsync(journalId, cancellationToken);
        if (!result.IsSuccess)
        {
            return result.Error == UnmergeError.JournalNotFound
                ? Results.NotFound()
                : Results.Problem(statusCode: 409, title: "The merge cannot be undone.", detail: result.Error?.ToString());
        }

        return Results.Ok(new { restored = result.Restored.Select(c => c.Id), movedBack = result.MovedBack });
    }

    private static bool MayMerge(CallerContext caller) => caller.Roles.Any(r => s_mergeRoles.Contains(r, StringComparer.OrdinalIgnoreCase));

    private static IResult Forbidden() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for your role.", detail: "Merging and undoing merges is for admins and managers.");
}

/// <summary>Asks to merge customers into a survivor.</summary>
internal sealed record MergeRequest(CustomerId SurvivorId, IReadOnlyList<CustomerId> MergeIds);

/// <summary>One likely duplicate with its score and per-field explanation.</summary>
internal sealed record DuplicateView(CustomerId Id, string DisplayName, string? OwnerId, double Probability, double MatchWeight, IReadOnlyList<FieldView> Fields);

/// <summary>How one field compared and what it added to the match weight.</summary>
internal sealed record FieldView(string Field, string Level, double Weight);
