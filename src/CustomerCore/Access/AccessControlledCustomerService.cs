using System.Runtime.CompilerServices;
using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Access;

/// <summary>Enforces the <see cref="AccessPolicy"/> around the customer service and audits every call.</summary>
/// <remarks>
/// <para>Every method starts with one permission check (<see cref="DemandAsync"/>): a caller none of whose roles grants the
/// permission gets an <see cref="AccessDeniedException"/>. Customers outside the caller's scope are then treated as absent
/// (null, empty page, <c>NotFound</c>, <see cref="RecordNotFoundException"/>), so nothing tells they exist.</para>
/// <para>Reads push the caller's owner set down into the store query and filter the results again (a store that ignores
/// <see cref="CustomerQuery.OwnerIds"/> only returns shorter pages), then mask the fields outside the roles' allow-lists.
/// Writes keep the stored values of the fields the caller cannot see.</para>
/// <para>Audit: one entry per call with every customer id returned (streams: one entry per
/// <see cref="AccessPolicy.AuditBatchSize"/> customers); field names only. Out-of-scope requests are audited as
/// <see cref="AuditAction.Denied"/>.</para>
/// <para>To add a method: call <see cref="DemandAsync"/> with its permission, then <see cref="LoadInScopeAsync"/> per customer
/// it touches, delegate to <see cref="Inner"/>, and <see cref="AuditAsync"/> the outcome.</para>
/// </remarks>
internal sealed class AccessControlledCustomerService(
    ICustomerService inner,
    AccessEvaluator access,
    IAuditLog audit,
    IReminderStore? reminders,
    ILogger<AccessControlledCustomerService> logger) : ICustomerService, IValidatedCustomerWriter
{
    private static readonly string[] s_interactions = ["Interactions"];
    private static readonly string[] s_reminders = ["Reminders"];
    private static readonly string[] s_transactions = ["Transactions"];

    /// <summary>Gets the service without access control, for the pool and other trusted composition inside the library.</summary>
    public ICustomerService Inner => inner;

    public async Task<CustomerSaveResult> CreateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        const string Op = "customers.create";
        var view = await DemandAsync(caller, AccessRights.Create, Op, cancellationToken).ConfigureAwait(false);
        if (!view.Allows(AccessRights.Create, customer.OwnerId))
        {
            await DenyAsync(view, Op, AccessRights.Create, [customer.Id], cancellationToken).ConfigureAwait(false);
        }

        var result = await inner.CreateAsync(caller, customer, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
        {
            await AuditAsync(caller, AuditAction.Create, Op, [result.Customer.Id], Names(Present(result.Customer)), cancellationToken).ConfigureAwait(false);
            return new CustomerSaveResult(result.Status, Visible(view, result.Customer), result.Problems);
        }

        // A duplicate the caller may not read is reported without its id.
        return result.DuplicateOf.Count == 0 ? result
            : new CustomerSaveResult(result.Status, null, result.Problems, await VisibleIdsAsync(view, result.DuplicateOf, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    /// <remarks>The inner service's validator when it offers the validated fast path, otherwise <see langword="null"/> (the
    /// importer then takes the public path).</remarks>
    public ICustomerValidator? Validator => (inner as IValidatedCustomerWriter)?.Validator;

    public Task<IReadOnlyList<CustomerSaveResult>> CreateManyAsync(CallerContext caller, IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default) =>
        CreateManyCoreAsync(caller, customers, inner.CreateManyAsync, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>Routed through the same rights check and audit as <see cref="CreateManyAsync"/>; only the inner write skips
    /// the second validation.</remarks>
    public Task<IReadOnlyList<CustomerSaveResult>> CreateManyValidatedAsync(CallerContext caller, IReadOnlyList<Customer> normalized, CancellationToken cancellationToken = default) =>
        inner is IValidatedCustomerWriter writer
            ? CreateManyCoreAsync(caller, normalized, writer.CreateManyValidatedAsync, cancellationToken)
            : throw new InvalidOperationException("The inner customer service has no validated fast path; use CreateManyAsync.");

    private async Task<IReadOnlyList<CustomerSaveResult>> CreateManyCoreAsync(
        CallerContext caller,
        IReadOnlyList<Customer> customers,
        Func<CallerContext, IReadOnlyList<Customer>, CancellationToken, Task<IReadOnlyList<CustomerSaveResult>>> write,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customers);
        const string Op = "customers.create-many";
        var view = await DemandAsync(caller, AccessRights.Create, Op, cancellationToken).ConfigureAwait(false);

        // All or nothing on rights, like CreateAsync: one customer for another owner denies the whole batch before anything is written.
        foreach (var customer in customers)
        {
            if (customer is null)
            {
                throw new ArgumentException("The list holds a null customer.", nameof(customers));
            }

            if (!view.Allows(AccessRights.Create, customer.OwnerId))
            {
                await DenyAsync(view, Op, AccessRights.Create, [customer.Id], cancellationToken).ConfigureAwait(false);
            }
        }

        var results = await write(caller, customers, cancellationToken).ConfigureAwait(false);
        var created = new List<CustomerId>(results.Count);
        var fields = PresentField.None;
        var visible = new CustomerSaveResult[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result.IsSuccess)
            {
                created.Add(result.Customer.Id);
                fields |= Present(result.Customer);
                visible[i] = new CustomerSaveResult(result.Status, Visible(view, result.Customer), result.Problems);
            }
            else
            {
                visible[i] = result.DuplicateOf.Count == 0 ? result
                    : new CustomerSaveResult(result.Status, null, result.Problems, await VisibleIdsAsync(view, result.DuplicateOf, cancellationToken).ConfigureAwait(false));
            }
        }

        if (created.Count > 0)
        {
            await AuditAsync(caller, AuditAction.Create, Op, created, Names(fields), cancellationToken).ConfigureAwait(false);
        }

        return visible;
    }

    public async Task<CustomerSaveResult> UpdateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customer);
        const string Op = "customers.update";
        var view = await DemandAsync(caller, AccessRights.Update, Op, cancellationToken).ConfigureAwait(false);
        var stored = await LoadInScopeAsync(view, customer.Id, AccessRights.Update, Op, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new CustomerSaveResult(SaveStatus.NotFound, null, []);
        }

        if (!string.Equals(stored.OwnerId, customer.OwnerId, StringComparison.Ordinal) && !view.Allows(AccessRights.Update, customer.OwnerId))
        {
            await DenyAsync(view, Op + ".owner", AccessRights.Update, [customer.Id], cancellationToken).ConfigureAwait(false);
        }

        var merged = FieldMasker.KeepHidden(customer, stored, view.FieldsFor(stored.OwnerId));
        var result = await inner.UpdateAsync(caller, merged, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result;
        }

        await AuditAsync(caller, AuditAction.Update, Op, [customer.Id], ChangedFields(stored, result.Customer), cancellationToken).ConfigureAwait(false);
        return new CustomerSaveResult(result.Status, Visible(view, result.Customer), result.Problems);
    }

    public async Task<Customer?> GetAsync(CallerContext caller, CustomerId id, CancellationToken cancellationToken = default)
    {
        const string Op = "customers.get";
        var view = await DemandAsync(caller, AccessRights.Read, Op, cancellationToken).ConfigureAwait(false);
        var c = await LoadInScopeAsync(view, id, AccessRights.Read, Op, cancellationToken).ConfigureAwait(false);
        if (c is null)
        {
            return null;
        }

        await AuditAsync(caller, AuditAction.Read, Op, [id], FieldNames(view.FieldsFor(c.OwnerId)), cancellationToken).ConfigureAwait(false);
        return Visible(view, c);
    }

    public async Task<Page<Customer>> SearchAsync(CallerContext caller, CustomerQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Page.Validate();
        const string Op = "customers.search";
        var view = await DemandAsync(caller, AccessRights.Read, Op, cancellationToken).ConfigureAwait(false);
        var scoped = Scope(view, query);
        if (scoped is null)
        {
            await AuditAsync(caller, AuditAction.Denied, Op, [], [], cancellationToken).ConfigureAwait(false);
            return new Page<Customer>([], null);
        }

        var page = await inner.SearchAsync(caller, scoped, cancellationToken).ConfigureAwait(false);
        var items = new List<Customer>(page.Items.Count);
        var ids = new List<CustomerId>(page.Items.Count);
        var fields = CustomerField.None;
        foreach (var c in page.Items)
        {
            if (view.Allows(AccessRights.Read, c.OwnerId))
            {
                items.Add(Visible(view, c));
                ids.Add(c.Id);
                fields |= view.FieldsFor(c.OwnerId);
            }
        }

        await AuditAsync(caller, AuditAction.Read, Op, ids, FieldNames(fields), cancellationToken).ConfigureAwait(false);
        return new Page<Customer>(items, page.ContinuationToken);
    }

    public async IAsyncEnumerable<Customer> StreamAsync(CallerContext caller, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string Op = "customers.stream";
        var view = await DemandAsync(caller, AccessRights.Read, Op, cancellationToken).ConfigureAwait(false);
        var batch = access.Policy.AuditBatchSize;
        var ids = new List<CustomerId>(Math.Min(batch, 1024));
        var fields = CustomerField.None;
        var (owners, _) = view.ReadFilter();

        // Scoped callers page through their owners' customers (pushed down); the pool is left out of streams.
        var source = owners is null ? inner.StreamAsync(caller, cancellationToken) : ByOwnersAsync(caller, owners, cancellationToken);
        await foreach (var c in source.ConfigureAwait(false))
        {
            if (c.OwnerId is null && owners is not null)
            {
                continue;
            }

            if (!view.Allows(AccessRights.Read, c.OwnerId))
            {
                continue;
            }

            ids.Add(c.Id);
            fields |= view.FieldsFor(c.OwnerId);
            if (ids.Count >= batch)
            {
                await AuditAsync(caller, AuditAction.Read, Op, ids, FieldNames(fields), cancellationToken).ConfigureAwait(false);
                ids.Clear();
            }

            yield return Visible(view, c);
        }

        if (ids.Count > 0)
        {
            await AuditAsync(caller, AuditAction.Read, Op, ids, FieldNames(fields), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> DeleteAsync(CallerContext caller, CustomerId id, long expectedVersion, CancellationToken cancellationToken = default)
    {
        const string Op = "customers.delete";
        var view = await DemandAsync(caller, AccessRights.Delete, Op, cancellationToken).ConfigureAwait(false);
        if (await LoadInScopeAsync(view, id, AccessRights.Delete, Op, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        var deleted = await inner.DeleteAsync(caller, id, expectedVersion, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            await AuditAsync(caller, AuditAction.Delete, Op, [id], [], cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    public async Task<Interaction> RecordInteractionAsync(CallerContext caller, Interaction interaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        const string Op = "interactions.record";
        var view = await DemandAsync(caller, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        await RequireInScopeAsync(view, interaction.CustomerId, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        var stored = await inner.RecordInteractionAsync(caller, interaction, cancellationToken).ConfigureAwait(false);
        await AuditAsync(caller, AuditAction.Update, Op, [interaction.CustomerId], s_interactions, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<Page<Interaction>> GetTimelineAsync(CallerContext caller, CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default)
    {
        page.Validate();
        const string Op = "interactions.timeline";
        var view = await DemandAsync(caller, AccessRights.ReadActivity, Op, cancellationToken).ConfigureAwait(false);
        var c = await LoadInScopeAsync(view, customerId, AccessRights.ReadActivity, Op, cancellationToken).ConfigureAwait(false);
        if (c is null)
        {
            return new Page<Interaction>([], null);
        }

        var result = await inner.GetTimelineAsync(caller, customerId, page, cancellationToken).ConfigureAwait(false);
        await AuditAsync(caller, AuditAction.Read, Op, [customerId], s_interactions, cancellationToken).ConfigureAwait(false);
        if ((view.FieldsFor(c.OwnerId) & CustomerField.Notes) != 0)
        {
            return result;
        }

        return new Page<Interaction>([.. result.Items.Select(i => i with { Notes = null })], result.ContinuationToken);
    }

    public async Task<Reminder> ScheduleReminderAsync(CallerContext caller, Reminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        const string Op = "reminders.schedule";
        var view = await DemandAsync(caller, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        await RequireInScopeAsync(view, reminder.CustomerId, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        if (reminders is not null && await reminders.GetAsync(reminder.Id, cancellationToken).ConfigureAwait(false) is { } existing
            && existing.CustomerId != reminder.CustomerId)
        {
            // Rescheduling someone else's reminder onto an own customer would move it out of its owner's sight.
            await RequireInScopeAsync(view, existing.CustomerId, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        }

        var stored = await inner.ScheduleReminderAsync(caller, reminder, cancellationToken).ConfigureAwait(false);
        await AuditAsync(caller, AuditAction.Update, Op, [reminder.CustomerId], s_reminders, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<Reminder> CompleteReminderAsync(CallerContext caller, ReminderId id, CancellationToken cancellationToken = default)
    {
        const string Op = "reminders.complete";
        var view = await DemandAsync(caller, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        if (reminders is not null)
        {
            var reminder = await reminders.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new RecordNotFoundException(nameof(Reminder), id.ToString());
            if (await LoadInScopeAsync(view, reminder.CustomerId, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new RecordNotFoundException(nameof(Reminder), id.ToString());
            }
        }

        var done = await inner.CompleteReminderAsync(caller, id, cancellationToken).ConfigureAwait(false);
        await AuditAsync(caller, AuditAction.Update, Op, [done.CustomerId], s_reminders, cancellationToken).ConfigureAwait(false);
        return done;
    }

    public async Task<Page<Reminder>> GetDueRemindersAsync(CallerContext caller, string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default)
    {
        page.Validate();
        const string Op = "reminders.due";
        var view = await DemandAsync(caller, AccessRights.ReadActivity, Op, cancellationToken).ConfigureAwait(false);
        var result = await inner.GetDueRemindersAsync(caller, assigneeId, dueBefore, page, cancellationToken).ConfigureAwait(false);
        var (owners, _) = view.ReadFilter();
        if (owners is null && view.Allows(AccessRights.ReadActivity, null))
        {
            await AuditAsync(caller, AuditAction.Read, Op, [.. result.Items.Select(r => r.CustomerId).Distinct()], s_reminders, cancellationToken).ConfigureAwait(false);
            return result;
        }

        var verdicts = new Dictionary<CustomerId, bool>();
        var items = new List<Reminder>(result.Items.Count);
        foreach (var r in result.Items)
        {
            if (!verdicts.TryGetValue(r.CustomerId, out var ok))
            {
                var c = await inner.GetAsync(CallerContext.System, r.CustomerId, cancellationToken).ConfigureAwait(false);
                verdicts[r.CustomerId] = ok = c is not null && view.Allows(AccessRights.ReadActivity, c.OwnerId);
            }

            if (ok)
            {
                items.Add(r);
            }
        }

        await AuditAsync(caller, AuditAction.Read, Op, [.. verdicts.Where(v => v.Value).Select(v => v.Key)], s_reminders, cancellationToken).ConfigureAwait(false);
        return new Page<Reminder>(items, result.ContinuationToken);
    }

    public async Task<int> RecordTransactionsAsync(CallerContext caller, IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        const string Op = "transactions.record";
        var view = await DemandAsync(caller, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
        var customers = new HashSet<CustomerId>();
        foreach (var t in transactions)
        {
            if (t is not null && customers.Add(t.CustomerId) && !view.Allows(AccessRights.RecordActivity, null))
            {
                await RequireInScopeAsync(view, t.CustomerId, AccessRights.RecordActivity, Op, cancellationToken).ConfigureAwait(false);
            }
        }

        var count = await inner.RecordTransactionsAsync(caller, transactions, cancellationToken).ConfigureAwait(false);
        await AuditAsync(caller, AuditAction.Update, Op, [.. customers], s_transactions, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Checks that some role of the caller grants the permission at all; audits and throws otherwise.</summary>
    private async Task<AccessView> DemandAsync(CallerContext caller, AccessRights permission, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var view = await access.ViewAsync(caller, cancellationToken).ConfigureAwait(false);
        if (!view.Has(permission))
        {
            await DenyAsync(view, operation, permission, [], cancellationToken).ConfigureAwait(false);
        }

        return view;
    }

    /// <summary>Loads a customer when it exists and the permission reaches it; audits an out-of-scope request as denied.</summary>
    private async Task<Customer?> LoadInScopeAsync(AccessView view, CustomerId id, AccessRights permission, string operation, CancellationToken cancellationToken)
    {
        var c = await inner.GetAsync(CallerContext.System, id, cancellationToken).ConfigureAwait(false);
        if (c is null)
        {
            return null;
        }

        if (view.Allows(permission, c.OwnerId))
        {
            return c;
        }

        Log.AccessOutOfScope(logger, operation, id);
        await AuditAsync(view.Caller, AuditAction.Denied, operation, [id], [], cancellationToken).ConfigureAwait(false);
        return null;
    }

    private async Task RequireInScopeAsync(AccessView view, CustomerId id, AccessRights permission, string operation, CancellationToken cancellationToken)
    {
        if (await LoadInScopeAsync(view, id, permission, operation, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RecordNotFoundException(nameof(Customer), id.ToString());
        }
    }

    private async Task DenyAsync(AccessView view, string operation, AccessRights permission, IReadOnlyList<CustomerId> ids, CancellationToken cancellationToken)
    {
        Log.AccessDenied(logger, operation, permission);
        await AuditAsync(view.Caller, AuditAction.Denied, operation, ids, [], cancellationToken).ConfigureAwait(false);
        throw new AccessDeniedException(operation, permission);
    }

    private Task<AuditEntry> AuditAsync(CallerContext caller, AuditAction action, string operation, IReadOnlyList<CustomerId> ids, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        audit.AppendAsync(caller.UserId, action, operation, ids, fields, cancellationToken);

    private async Task<IReadOnlyList<CustomerId>> VisibleIdsAsync(AccessView view, IReadOnlyList<CustomerId> ids, CancellationToken cancellationToken)
    {
        var visible = new List<CustomerId>(ids.Count);
        foreach (var id in ids)
        {
            if (await inner.GetAsync(CallerContext.System, id, cancellationToken).ConfigureAwait(false) is { } c && view.Allows(AccessRights.Read, c.OwnerId))
            {
                visible.Add(id);
            }
        }

        return visible;
    }

    private async IAsyncEnumerable<Customer> ByOwnersAsync(CallerContext caller, HashSet<string> owners, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (owners.Count == 0)
        {
            yield break;
        }

        var query = owners.Count == 1
            ? new CustomerQuery { OwnerId = owners.First(), Page = new PageRequest(1000) }
            : new CustomerQuery { OwnerIds = owners, Page = new PageRequest(1000) };
        while (true)
        {
            var page = await inner.SearchAsync(caller, query, cancellationToken).ConfigureAwait(false);
            foreach (var c in page.Items)
            {
                yield return c;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }
    }

    /// <summary>Narrows a query to the caller's owners; <see langword="null"/> when it can match nothing the caller may see.</summary>
    private static CustomerQuery? Scope(AccessView view, CustomerQuery query)
    {
        var (owners, pool) = view.ReadFilter();
        if (owners is null)
        {
            return query;
        }

        if (query.UnownedOnly)
        {
            return pool ? query : null;
        }

        if (query.OwnerId is not null)
        {
            return owners.Contains(query.OwnerId) ? query : null;
        }

        var allowed = query.OwnerIds is null ? owners : [.. query.OwnerIds.Where(owners.Contains)];
        return allowed.Count switch
        {
            0 => null,
            1 => query with { OwnerId = allowed.First(), OwnerIds = null },
            _ => query with { OwnerIds = allowed },
        };
    }

    private static Customer Visible(AccessView view, Customer c) => FieldMasker.Mask(c, view.FieldsFor(c.OwnerId));

    private static string[] FieldNames(CustomerField fields)
    {
        if (fields == CustomerField.None)
        {
            return [];
        }

        var names = new List<string>(8);
        foreach (var f in Enum.GetValues<CustomerField>())
        {
            if (f != CustomerField.None && f != CustomerField.All && (fields & f) == f)
            {
                names.Add(f.ToString());
            }
        }

        return [.. names];
    }

    /// <summary>Flags the fields a customer has values for, without allocating: a batch ORs them, then names them once.</summary>
    private static PresentField Present(Customer c)
    {
        var present = PresentField.DisplayName;
        present |= c.GivenName is not null ? PresentField.GivenName : 0;
        present |= c.FamilyName is not null ? PresentField.FamilyName : 0;
        present |= c.Phones.Count > 0 ? PresentField.Phones : 0;
        present |= c.Emails.Count > 0 ? PresentField.Emails : 0;
        present |= c.Addresses.Count > 0 ? PresentField.Addresses : 0;
        present |= c.OwnerId is not null ? PresentField.OwnerId : 0;
        present |= c.DateOfBirth is not null ? PresentField.DateOfBirth : 0;
        present |= c.KeyContacts.Count > 0 ? PresentField.KeyContacts : 0;
        present |= c.Attributes.Count > 0 ? PresentField.Attributes : 0;
        present |= c.Notes is not null ? PresentField.Notes : 0;
        return present;
    }

    /// <summary>Names the flagged fields in ordinal order (the order audit entries list fields in).</summary>
    private static string[] Names(PresentField present)
    {
        var names = new List<string>(s_presentFieldNames.Length);
        foreach (var (flag, name) in s_presentFieldNames)
        {
            if ((present & flag) != 0)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static readonly (PresentField Flag, string Name)[] s_presentFieldNames = Enum.GetValues<PresentField>()
        .Where(f => f != PresentField.None)
        .Select(f => (f, f.ToString()))
        .OrderBy(p => p.Item2, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The customer fields an audit entry of a create names; each member is named as the <see cref="Customer"/> property.</summary>
    [Flags]
    private enum PresentField
    {
        None = 0,
        DisplayName = 1 << 0,
        GivenName = 1 << 1,
        FamilyName = 1 << 2,
        Phones = 1 << 3,
        Emails = 1 << 4,
        Addresses = 1 << 5,
        OwnerId = 1 << 6,
        DateOfBirth = 1 << 7,
        KeyContacts = 1 << 8,
        Attributes = 1 << 9,
        Notes = 1 << 10,
    }

    /// <summary>Names the fields whose values differ, never the values.</summary>
    internal static string[] ChangedFields(Customer before, Customer after)
    {
        var names = new List<string>();
        AddIf(before.Kind != after.Kind, nameof(Customer.Kind));
        AddIf(!string.Equals(before.DisplayName, after.DisplayName, StringComparison.Ordinal), nameof(Customer.DisplayName));
        AddIf(!string.Equals(before.GivenName, after.GivenName, StringComparison.Ordinal), nameof(Customer.GivenName));
        AddIf(!string.Equals(before.FamilyName, after.FamilyName, StringComparison.Ordinal), nameof(Customer.FamilyName));
        AddIf(!before.Phones.SequenceEqual(after.Phones), nameof(Customer.Phones));
        AddIf(!before.Emails.SequenceEqual(after.Emails), nameof(Customer.Emails));
        AddIf(!before.Addresses.SequenceEqual(after.Addresses), nameof(Customer.Addresses));
        AddIf(!string.Equals(before.OwnerId, after.OwnerId, StringComparison.Ordinal), nameof(Customer.OwnerId));
        AddIf(!before.Tags.SequenceEqual(after.Tags), nameof(Customer.Tags));
        AddIf(!before.Groups.SequenceEqual(after.Groups), nameof(Customer.Groups));
        AddIf(before.Stage != after.Stage, nameof(Customer.Stage));
        AddIf(before.CreditRating != after.CreditRating, nameof(Customer.CreditRating));
        AddIf(!string.Equals(before.SourceChannel, after.SourceChannel, StringComparison.Ordinal), nameof(Customer.SourceChannel));
        AddIf(before.DateOfBirth != after.DateOfBirth, nameof(Customer.DateOfBirth));
        AddIf(!before.KeyContacts.SequenceEqual(after.KeyContacts, KeyContactComparer.Instance), nameof(Customer.KeyContacts));
        AddIf(before.Attributes.Count != after.Attributes.Count || before.Attributes.Any(kv => !after.Attributes.TryGetValue(kv.Key, out var v) || !string.Equals(v, kv.Value, StringComparison.Ordinal)), nameof(Customer.Attributes));
        AddIf(!string.Equals(before.Notes, after.Notes, StringComparison.Ordinal), nameof(Customer.Notes));
        AddIf(before.VerifiedAt != after.VerifiedAt, nameof(Customer.VerifiedAt));
        return [.. names];

        void AddIf(bool changed, string name)
        {
            if (changed)
            {
                names.Add(name);
            }
        }
    }

    private sealed class KeyContactComparer : IEqualityComparer<KeyContact>
    {
        public static readonly KeyContactComparer Instance = new();

        public bool Equals(KeyContact? x, KeyContact? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && string.Equals(x.Name, y.Name, StringComparison.Ordinal)
                && string.Equals(x.Title, y.Title, StringComparison.Ordinal) && x.Role == y.Role
                && x.Phones.SequenceEqual(y.Phones) && x.Emails.SequenceEqual(y.Emails));

        public int GetHashCode(KeyContact obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
