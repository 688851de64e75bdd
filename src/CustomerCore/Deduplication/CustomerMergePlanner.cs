using System.Text;
using CustomerCore.Customers;

namespace CustomerCore.Deduplication;

/// <summary>Plans the merge of stored customers with per-field survivorship rules.</summary>
/// <remarks>Pure and thread-safe. Phones, emails, addresses, tags, groups and key contacts keep every distinct value
/// (phones by E.164, emails by normalized address, preferring a verified variant); every other field keeps one value and
/// lists the rest in <see cref="CustomerMergePlan.Discarded"/>. The survivor is created at the earliest creation time.
/// <see cref="Customer.UpdatedAt"/> and <see cref="Customer.Version"/> are bookkeeping, not values: the merge stamps them.</remarks>
internal static class CustomerMergePlanner
{
    private sealed record ScalarField(string Name, Func<Customer, object?> Get, Func<Customer, Customer, Customer> CopyFrom, bool IsText);

    private static readonly ScalarField[] s_fields =
    [
        new("kind", c => c.Kind, (t, s) => t with { Kind = s.Kind }, false),
        new("display_name", c => c.DisplayName, (t, s) => t with { DisplayName = s.DisplayName }, true),
        new("given_name", c => c.GivenName, (t, s) => t with { GivenName = s.GivenName }, true),
        new("family_name", c => c.FamilyName, (t, s) => t with { FamilyName = s.FamilyName }, true),
        new("owner_id", c => c.OwnerId, (t, s) => t with { OwnerId = s.OwnerId }, true),
        new("stage", c => c.Stage, (t, s) => t with { Stage = s.Stage }, false),
        new("credit_rating", c => c.CreditRating, (t, s) => t with { CreditRating = s.CreditRating }, false),
        new("source_channel", c => c.SourceChannel, (t, s) => t with { SourceChannel = s.SourceChannel }, true),
        new("date_of_birth", c => c.DateOfBirth, (t, s) => t with { DateOfBirth = s.DateOfBirth }, false),
        new("notes", c => c.Notes, (t, s) => t with { Notes = s.Notes }, true),
        new("verified_at", c => c.VerifiedAt, (t, s) => t with { VerifiedAt = s.VerifiedAt }, false),
    ];

    /// <summary>The names of the fields a plan decides, for manual choices and validation.</summary>
    internal static IEnumerable<string> FieldNames =>
        s_fields.Select(f => f.Name).Concat(["created_at", "phones", "emails", "addresses", "tags", "groups", "key_contacts"]);

    public static CustomerMergePlan Plan(IReadOnlyList<Customer> customers, MergeOptions options, DateTimeOffset asOf)
    {
        var survivor = customers[0];
        var decisions = new List<MergeDecision>();
        var discarded = new List<DiscardedValue>();
        foreach (var field in s_fields)
        {
            var values = new string?[customers.Count];
            for (var i = 0; i < customers.Count; i++)
            {
                values[i] = Raw(field.Get(customers[i]));
            }

            if (Array.TrueForAll(values, v => v is null))
            {
                continue;
            }

            var (winner, rule) = Choose(field.Name, customers, values, options, field.IsText);
            if (field.Name == "kind" && !options.ManualChoices.ContainsKey("kind"))
            {
                // A person's or an organization's name makes sense only with its own kind, so kind follows the display name.
                var nameValues = new string?[customers.Count];
                for (var i = 0; i < customers.Count; i++)
                {
                    nameValues[i] = customers[i].DisplayName;
                }

                (winner, _) = Choose("display_name", customers, nameValues, options, isText: true);
                rule = "FollowsDisplayName";
            }

            survivor = field.CopyFrom(survivor, customers[winner]);
            decisions.Add(new MergeDecision(field.Name, values[winner], customers[winner].Id.ToString(), rule));
            AddDiscarded(field.Name, customers, values, values[winner], discarded);
        }

        // The merged customer has existed since its oldest record was created.
        var created = 0;
        for (var i = 1; i < customers.Count; i++)
        {
            if (customers[i].CreatedAt < customers[created].CreatedAt)
            {
                created = i;
            }
        }

        survivor = survivor with { CreatedAt = customers[created].CreatedAt, UpdatedAt = asOf };
        decisions.Add(new MergeDecision("created_at", MergePlanner.Text(survivor.CreatedAt), customers[created].Id.ToString(), "Earliest"));
        var createdValues = new string?[customers.Count];
        for (var i = 0; i < customers.Count; i++)
        {
            createdValues[i] = MergePlanner.Text(customers[i].CreatedAt);
        }

        AddDiscarded("created_at", customers, createdValues, createdValues[created], discarded);

        survivor = survivor with
        {
            Phones = KeepDistinct("phones", customers, c => c.Phones, p => p.E164 ?? p.Raw.Trim(), p => p.IsVerified, p => p.Raw, decisions, discarded),
            Emails = KeepDistinct("emails", customers, c => c.Emails, e => e.Normalized ?? e.Raw.Trim().ToLowerInvariant(), e => e.IsVerified, e => e.Raw, decisions, discarded),
            Addresses = KeepDistinct("addresses", customers, c => c.Addresses, a => MergePlanner.Text(a) ?? string.Empty, _ => false, a => a.Original ?? a.ToString(), decisions, discarded),
            Tags = KeepDistinct("tags", customers, c => c.Tags, t => t, _ => false, t => t, decisions, discarded),
            Groups = KeepDistinct("groups", customers, c => c.Groups, g => g, _ => false, g => g, decisions, discarded),
            KeyContacts = KeepDistinct("key_contacts", customers, c => c.KeyContacts, ContactKey, _ => false, k => k.Name, decisions, discarded),
        };

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in customers)
        {
            keys.UnionWith(c.Attributes.Keys);
        }

        foreach (var key in keys)
        {
            var values = new string?[customers.Count];
            for (var i = 0; i < customers.Count; i++)
            {
                values[i] = customers[i].Attributes.TryGetValue(key, out var v) ? v : null;
            }

            var field = "attr:" + key;
            var (winner, rule) = Choose(field, customers, values, options, isText: true);
            if (values[winner] is { } kept)
            {
                attributes[key] = kept;
            }

            decisions.Add(new MergeDecision(field, values[winner], customers[winner].Id.ToString(), rule));
            AddDiscarded(field, customers, values, values[winner], discarded);
        }

        survivor = survivor with { Attributes = attributes };
        return new CustomerMergePlan(survivor, [.. customers], decisions, discarded);
    }

    private static (int Winner, string Rule) Choose(string field, IReadOnlyList<Customer> customers, string?[] values, MergeOptions options, bool isText)
    {
        if (options.ManualChoices.TryGetValue(field, out var manualId))
        {
            for (var i = 0; i < customers.Count; i++)
            {
                if (string.Equals(customers[i].Id.ToString(), manualId, StringComparison.OrdinalIgnoreCase))
                {
                    return (i, "Manual");
                }
            }
        }

        var rule = options.FieldRules.TryGetValue(field, out var r) ? r : options.DefaultRule;
        var best = -1;
        for (var i = 0; i < customers.Count; i++)
        {
            // Blank text loses to any real value, but it still is a value: it survives when it is all there is, else it is listed.
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                continue;
            }

            if (best < 0 || Better(rule, customers[i], values[i]!, customers[best], values[best]!, options, isText))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            best = Math.Max(0, Array.FindIndex(values, v => v is not null));
        }

        return (best, rule.ToString());
    }

    private static string? Raw(object? value) => value is string s ? s : MergePlanner.Text(value);

    private static bool Better(SurvivorshipRule rule, Customer a, string va, Customer b, string vb, MergeOptions options, bool isText) => rule switch
    {
        // Length only says something about text; for enums and dates the first record's value stands.
        SurvivorshipRule.MostComplete => isText && va.Trim().Length > vb.Trim().Length,
        SurvivorshipRule.MostRecent => a.UpdatedAt > b.UpdatedAt,
        SurvivorshipRule.MostTrustedSource => MergePlanner.Rank(a.SourceChannel, options) < MergePlanner.Rank(b.SourceChannel, options),
        _ => false,
    };

    private static void AddDiscarded(string field, IReadOnlyList<Customer> customers, string?[] values, string? kept, List<DiscardedValue> discarded)
    {
        for (var i = 0; i < customers.Count; i++)
        {
            if (values[i] is { } v && !string.Equals(v, kept, StringComparison.Ordinal))
            {
                discarded.Add(new DiscardedValue(field, v, customers[i].Id.ToString()));
            }
        }
    }

    private static T[] KeepDistinct<T>(
        string field,
        IReadOnlyList<Customer> customers,
        Func<Customer, IReadOnlyList<T>> list,
        Func<T, string> key,
        Func<T, bool> preferred,
        Func<T, string> display,
        List<MergeDecision> decisions,
        List<DiscardedValue> discarded)
        where T : notnull
    {
        var kept = new List<T>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in customers)
        {
            foreach (var item in list(c))
            {
                var k = key(item);
                if (!index.TryGetValue(k, out var at))
                {
                    index[k] = kept.Count;
                    kept.Add(item);
                }
                else if (preferred(item) && !preferred(kept[at]))
                {
                    kept[at] = item;
                }
            }
        }

        if (kept.Count == 0)
        {
            return [];
        }

        // A variant that lost to an equal-key value (another spelling of the same number) is listed, so nothing is silently dropped.
        foreach (var c in customers)
        {
            foreach (var item in list(c))
            {
                if (!kept.Contains(item))
                {
                    discarded.Add(new DiscardedValue(field, display(item), c.Id.ToString()));
                }
            }
        }

        decisions.Add(new MergeDecision(field, kept.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " distinct", null, "KeepAllDistinct"));
        return [.. kept];
    }

    private static string ContactKey(KeyContact contact)
    {
        var b = new StringBuilder(contact.Name).Append('\u001f').Append(contact.Title).Append('\u001f').Append((int)contact.Role);
        foreach (var p in contact.Phones)
        {
            b.Append('\u001f').Append(p.E164 ?? p.Raw);
        }

        foreach (var e in contact.Emails)
        {
            b.Append('\u001f').Append(e.Normalized ?? e.Raw);
        }

        return b.ToString();
    }
}
