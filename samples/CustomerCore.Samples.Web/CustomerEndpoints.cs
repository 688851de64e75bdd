using CustomerCore.Access;
using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Samples.Web;

/// <summary>Maps the customer JSON endpoints: list/search, detail with timeline and reminders, create, update, record interaction.</summary>
internal static class CustomerEndpoints
{
    // Region and segment are not store filters yet; for them the endpoint scans the caller's customers (fine for a demo set).
    private const int MaxScan = 10_000;

    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers");
        group.MapGet("/", SearchAsync).WithSummary("Lists and searches customers with filters.");
        group.MapGet("/{id}", GetAsync).WithSummary("Gets one customer with its timeline and open reminders.");
        group.MapPost("/", CreateAsync).WithSummary("Creates a customer.");
        group.MapPut("/{id}", UpdateAsync).WithSummary("Updates a customer (optimistic concurrency on version).");
        group.MapPost("/{id}/interactions", RecordInteractionAsync).WithSummary("Records an interaction with a customer.");
    }

    internal static async Task<IResult> SearchAsync(
        HttpContext http, ICustomerService service, WebDiagnostics diagnostics,
        string? q, string? owner, LifecycleStage? stage, string? tag, string? phone, string? email, string? region, string? segment,
        int? pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var caller = DemoUsers.Resolve(http);
        int size = Math.Clamp(pageSize ?? 50, 1, 500);
        using var activity = WebDiagnostics.Source.StartActivity("customers.search");
        var query = new CustomerQuery
        {
            NamePrefix = Blank(q),
            OwnerId = Blank(owner),
            Stage = stage,
            Tag = Blank(tag),
            Phone = Blank(phone),
            Email = Blank(email),
            Page = new PageRequest(string.IsNullOrWhiteSpace(region) && string.IsNullOrWhiteSpace(segment) ? size : MaxScan, Blank(continuation)),
        };

        Page<Customer> page;
        try
        {
            page = await service.SearchAsync(caller, query, cancellationToken);
        }
        catch (ArgumentException)
        {
            return Results.Problem(statusCode: 400, title: "Invalid query.", detail: "The continuation token or page size is not valid.");
        }

        IEnumerable<Customer> items = page.Items;
        string? next = page.ContinuationToken;
        if (!string.IsNullOrWhiteSpace(region) || !string.IsNullOrWhiteSpace(segment))
        {
            items = items.Where(c => Matches(c, region, segment)).Take(size);
            next = null;
        }

        var result = items.Select(CustomerSummary.From).ToList();
        diagnostics.Searches.Add(1);
        return Results.Ok(new CustomerListResponse(result, next));
    }

    internal static async Task<IResult> GetAsync(HttpContext http, ICustomerService service, TimeProvider time, string id, CancellationToken cancellationToken)
    {
        var (caller, customer, problem) = await LoadAsync(http, service, id, cancellationToken);
        if (customer is null)
        {
            return problem!;
        }

        var customerId = customer.Id;
        var timeline = await service.GetTimelineAsync(caller, customerId, new PageRequest(200), cancellationToken);

        // ICustomerService lists reminders per assignee, not per customer: read the open ones due within a year and filter.
        var due = await service.GetDueRemindersAsync(caller, null, time.GetUtcNow().AddYears(1), new PageRequest(PageRequest.MaxPageSize), cancellationToken);
        var reminders = due.Items.Where(r => r.CustomerId == customerId).ToList();
        return Results.Ok(new CustomerDetail(customer, CustomerSummary.SegmentOf(customer), timeline.Items, reminders));
    }

    internal static async Task<IResult> CreateAsync(HttpContext http, ICustomerService service, CustomerInput input, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            return Results.Problem(statusCode: 400, title: "DisplayName is required.");
        }

        // A rep's new customer is their own unless they name another owner (which the access rules then judge).
        var caller = DemoUsers.Resolve(http);
        var customer = input.ToCustomer(CustomerId.New());
        if (customer.OwnerId is null && caller.Roles.Contains(AccessRoles.SalesRep, StringComparer.OrdinalIgnoreCase))
        {
            customer = customer with { OwnerId = caller.UserId };
        }

        var result = await service.CreateAsync(caller, customer, cancellationToken);
        return ToResult(result);
    }

    /// <summary>Parses a customer id from the route and reads the customer as the signed-in user sees it.</summary>
    /// <returns>The caller, and the customer or the problem to answer (400 for a bad id, 404 when absent or not visible).</returns>
    internal static async Task<(CallerContext Caller, Customer? Customer, IResult? Problem)> LoadAsync(HttpContext http, ICustomerService service, string id, CancellationToken cancellationToken)
    {
        var caller = DemoUsers.Resolve(http);
        if (!CustomerId.TryParse(id, out var customerId))
        {
            return (caller, null, Results.Problem(statusCode: 400, title: "Invalid customer id.", detail: "The id must be a GUID."));
        }

        var customer = await service.GetAsync(caller, customerId, cancellationToken);
        return (caller, customer, customer is null ? Results.NotFound() : null);
    }

    internal static async Task<IResult> UpdateAsync(HttpContext http, ICustomerService service, string id, CustomerInput input, CancellationToken cancellationToken)
    {
        var (caller, existing, problem) = await LoadAsync(http, service, id, cancellationToken);
        if (existing is null)
        {
            return problem!;
        }

        var result = await service.UpdateAsync(caller, input.ApplyTo(existing), cancellationToken);
        return ToResult(result);
    }

    internal static async Task<IResult> RecordInteractionAsync(
        HttpContext http, ICustomerService service, WebDiagnostics diagnostics, string id, InteractionInput input, CancellationToken cancellationToken)
    {
        if (!CustomerId.TryParse(id, out var customerId))
        {
            return Results.Problem(statusCode: 400, title: "Invalid customer id.", detail: "The id must be a GUID.");
        }

        var caller = DemoUsers.Resolve(http);
        var interaction = new Interaction
        {
            Id = InteractionId.New(),
            CustomerId = customerId,
            Kind = input.Kind,
            AuthorId = caller.UserId,
            Subject = input.Subject,
            Notes = input.Notes,
            Outcome = input.Outcome,
        };
        try
        {
            var stored = await service.RecordInteractionAsync(caller, interaction, cancellationToken);
            diagnostics.InteractionsRecorded.Add(1);
            return Results.Created($"/api/customers/{id}", stored);
        }
        catch (RecordNotFoundException)
        {
            return Results.NotFound();
        }
        catch (ArgumentException)
        {
            return Results.Problem(statusCode: 400, title: "Invalid interaction.", detail: "A text field is too long or blank.");
        }
    }

    private static IResult ToResult(CustomerSaveResult result) => result.Status switch
    {
        SaveStatus.Created => Results.Created($"/api/customers/{result.Customer!.Id}", result.Customer),
        SaveStatus.Updated => Results.Ok(result.Customer),
        SaveStatus.NotFound => Results.NotFound(),
        SaveStatus.Conflict => Results.Problem(statusCode: 409, title: "The customer changed since it was read.", detail: "Reload and try again."),
        _ => Results.ValidationProblem(
            result.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => $"{p.Code}: {p.Message}").ToArray())),
    };

    private static bool Matches(Customer c, string? region, string? segment) =>
        (string.IsNullOrWhiteSpace(region) || c.Addresses.Any(a =>
            string.Equals(a.Region, region, StringComparison.OrdinalIgnoreCase) || string.Equals(a.City, region, StringComparison.OrdinalIgnoreCase)))
        && (string.IsNullOrWhiteSpace(segment) || string.Equals(CustomerSummary.SegmentOf(c), segment, StringComparison.OrdinalIgnoreCase));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
