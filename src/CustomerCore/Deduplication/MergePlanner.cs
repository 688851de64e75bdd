using System.Globalization;

namespace CustomerCore.Deduplication;

/// <summary>Names how the surviving value of a field is chosen when records are merged.</summary>
public enum SurvivorshipRule
{
    /// <summary>Takes the longest non-empty value.</summary>
    MostComplete = 0,

    /// <summary>Takes the value of the most recently updated record.</summary>
    MostRecent = 1,

    /// <summary>Takes the value of the record whose source comes first in <see cref="MergeOptions.TrustedSources"/>.</summary>
    MostTrustedSource = 2,

    /// <summary>Takes the first non-empty value in input order.</summary>
    FirstRecord = 3,
}

/// <summary>Configures a merge plan.</summary>
public sealed class MergeOptions
{
    /// <summary>Gets or sets the rule for fields without their own rule.</summary>
    /// <value>The default is <see cref="SurvivorshipRule.MostComplete"/>.</value>
    public SurvivorshipRule DefaultRule { get; set; } = SurvivorshipRule.MostComplete;

    /// <summary>Gets the rule per field name (for example <c>email</c> is always kept in full; <c>city</c> could be <see cref="SurvivorshipRule.MostRecent"/>).</summary>
    /// <value>Empty by default.</value>
    public IDictionary<string, SurvivorshipRule> FieldRules { get; } = new Dictionary<string, SurvivorshipRule>(StringComparer.Ordinal);

    /// <summary>Gets the sources from most to least trusted.</summary>
    /// <value>Empty by default.</value>
    public IList<string> TrustedSources { get; } = [];

    /// <summary>Gets manual choices: field name to the id of the record whose value must survive.</summary>
    /// <value>Empty by default.</value>
    public IDictionary<string, string> ManualChoices { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>Records which value survived for one field and why.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Value">The surviving value as invariant text, or null when no record had one.</param>
/// <param name="FromRecordId">The id of the record the value came from.</param>
/// <param name="Rule">The rule that chose it: a <see cref="SurvivorshipRule"/> name, <c>Manual</c> or <c>KeepAllDistinct</c>.</param>
public sealed record MergeDecision(string Field, string? Value, string? FromRecordId, string Rule);

/// <summary>Records a value that did not survive, so nothing is lost.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Value">The value as invariant text.</param>
/// <param name="RecordId">The id of the record that held it.</param>
public sealed record DiscardedValue(string Field, string Value, string RecordId);

/// <summary>Describes a dry-run merge of N records: the survivor, every decision, and every value that would not survive.</summary>
/// <param name="Survivor">The merged record; it keeps the id of the first input record.</param>
/// <param name="MergedIds">The ids of all merged records, in input order.</param>
/// <param name="Decisions">One decision per field that any record has.</param>
/// <param name="Discarded">The values that differ from the survivor's; with the survivor they hold every input value.</param>
public sealed record MergePlan(DedupeRecord Survivor, IReadOnlyList<string> MergedIds, IReadOnlyList<MergeDecision> Decisions, IReadOnlyList<DiscardedValue> Discarded);

/// <summary>Builds merge plans with per-field survivorship rules over any number of records.</summary>
/// <remarks>Pure and thread-safe. Phones and e-mails keep every distinct value; every other field keeps one value and
/// lists the rest in <see cref="MergePlan.Discarded"/>, so a merge never drops a value.</remarks>
public static class MergePlanner
{
    private sealed record ScalarField(string Name, Func<DedupeRecord, object?> Get, Func<DedupeRecord, DedupeRecord, DedupeRecord> CopyFrom);

    private static readonly ScalarField[] s_fields =
    [
        new("name", r => r.Name, (t, s) => t with { Name = s.Name }),
        new("given_name", r => r.GivenName, (t, s) => t with { GivenName = s.GivenName }),
        new("family_name", r => r.FamilyName, (t, s) => t with { FamilyName = s.FamilyName }),
        new("organization", r => r.Organization, (t, s) => t with { Organization = s.Organization }),
        new("address", r => r.Address, (t, s) => t with { Address = s.Address }),
        new("street", r => r.Street, (t, s) => t with { Street = s.Street }),
        new("house_number", r => r.HouseNumber, (t, s) => t with { HouseNumber = s.HouseNumber }),
        new("city", r => r.City, (t, s) => t with { City = s.City }),
        new("district", r => r.District, (t, s) => t with { District = s.District }),
        new("region", r => r.Region, (t, s) => t with { Region = s.Region }),
        new("postcode", r => r.Postcode, (t, s) => t with { Postcode = s.Postcode }),
        new("country", r => r.Country, (t, s) => t with { Country = s.Country }),
        new("date_of_birth", r => r.DateOfBirth, (t, s) => t with { DateOfBirth = s.DateOfBirth }),
        new("gender", r => r.Gender, (t, s) => t with { Gender = s.Gender }),
        new("location", r => r.Location, (t, s) => t with { Location = s.Location }),
        new("source", r => r.Source, (t, s) => t with { Source = s.Source }),
        new("updated_at", r => r.UpdatedAt, (t, s) => t with { UpdatedAt = s.UpdatedAt }),
    ];

    /// <summary>Plans the merge of records into one survivor without changing anything.</summary>
    /// <param name="records">The records to merge (two or more), for example one cluster.</param>
    /// <param name="options">The survivorship options, or null for the defaults.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two records, a null record, a repeated id, or a manual choice names an id that is not merged.</exception>
    public static MergePlan Plan(IReadOnlyList<DedupeRecord> records, MergeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count < 2)
        {
            throw new ArgumentException("A merge needs at least two records.", nameof(records));
        }

        DuplicateDetector.Check(records, new HashSet<string>(StringComparer.Ordinal), nameof(records));
        options ??= new MergeOptions();
        foreach (var (field, id) in options.ManualChoices)
        {
            if (!records.Any(r => r.Id == id))
            {
                throw new ArgumentException($"The manual choice for field '{field}' names a record that is not merged.", nameof(options));
            }
        }

        var survivor = new DedupeRecord { Id = records[0].Id };
        var decisions = new List<MergeDecision>();
        var discarded = new List<DiscardedValue>();
        foreach (var field in s_fields)
        {
            var values = records.Select(r => Text(field.Get(r))).ToArray();
            if (values.All(v => v is null))
            {
                continue;
            }

            var (winner, rule) = Choose(field.Name, records, values, options);
            survivor = field.CopyFrom(survivor, records[winner]);
            decisions.Add(new MergeDecision(field.Name, values[winner], records[winner].Id, rule));
            AddDiscarded(field.Name, records, values, values[winner], discarded);
        }

        survivor = survivor with
        {
            Phones = Distinct(records.SelectMany(r => r.Phones)),
            Emails = Distinct(records.SelectMany(r => r.Emails)),
        };
        decisions.Add(new MergeDecision("phone", string.Join(';', survivor.Phones), null, "KeepAllDistinct"));
        decisions.Add(new MergeDecision("email", string.Join(';', survivor.Emails), null, "KeepAllDistinct"));

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in records.SelectMany(r => r.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var values = records.Select(r => r.Attributes.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null).ToArray();
            var (winner, rule) = Choose(key, records, values, options);
            if (values[winner] is { } kept)
            {
                attributes[key] = kept;
            }

            decisions.Add(new MergeDecision(key, values[winner], records[winner].Id, rule));
            AddDiscarded(key, records, values, values[winner], discarded);
        }

        survivor = survivor with { Attributes = attributes };
        return new MergePlan(survivor, records.Select(r => r.Id).ToArray(), decisions, discarded);
    }

    private static (int Winner, string Rule) Choose(string field, IReadOnlyList<DedupeRecord> records, string?[] values, MergeOptions options)
    {
        if (options.ManualChoices.TryGetValue(field, out var manualId))
        {
            for (var i = 0; i < records.Count; i++)
            {
                if (records[i].Id == manualId)
                {
                    return (i, "Manual");
                }
            }
        }

        var rule = options.FieldRules.TryGetValue(field, out var r) ? r : options.DefaultRule;
        var best = -1;
        for (var i = 0; i < records.Count; i++)
        {
            if (values[i] is null)
            {
                continue;
            }

            if (best < 0 || Better(rule, records[i], values[i]!, records[best], values[best]!, options))
            {
                best = i;
            }
        }

        return (Math.Max(best, 0), rule.ToString());
    }

    private static bool Better(SurvivorshipRule rule, DedupeRecord a, string va, DedupeRecord b, string vb, MergeOptions options) => rule switch
    {
        SurvivorshipRule.MostComplete => va.Trim().Length > vb.Trim().Length,
        SurvivorshipRule.MostRecent => (a.UpdatedAt ?? DateTimeOffset.MinValue) > (b.UpdatedAt ?? DateTimeOffset.MinValue),
        SurvivorshipRule.MostTrustedSource => Rank(a.Source, options) < Rank(b.Source, options),
        _ => false,
    };

    internal static int Rank(string? source, MergeOptions options)
    {
        var index = source is null ? -1 : options.TrustedSources.IndexOf(source);
        return index < 0 ? int.MaxValue : index;
    }

    private static void AddDiscarded(string field, IReadOnlyList<DedupeRecord> records, string?[] values, string? kept, List<DiscardedValue> discarded)
    {
        for (var i = 0; i < records.Count; i++)
        {
            if (values[i] is { } v && !string.Equals(v, kept, StringComparison.Ordinal))
            {
                discarded.Add(new DiscardedValue(field, v, records[i].Id));
            }
        }
    }

    private static string[] Distinct(IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var v in values)
        {
            if (!string.IsNullOrWhiteSpace(v) && seen.Add(v))
            {
                result.Add(v);
            }
        }

        return [.. result];
    }

    internal static string? Text(object? value) => value switch
    {
        null => null,
        string s => string.IsNullOrWhiteSpace(s) ? null : s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
