using System.Globalization;
using CustomerCore.Deduplication;

namespace CustomerCore.Tests.Deduplication;

/// <summary>Builds fixed-seed customer sets with planted duplicates for the deduplication tests.</summary>
internal static class DedupeTestData
{
    private static readonly string[] s_syllables = ["an", "ber", "ca", "da", "el", "fi", "go", "ha", "is", "jo", "ka", "lu", "ma", "ne", "or", "pa", "ro", "sa", "te", "vi", "mar", "son", "ton", "ler"];

    public static List<DedupeRecord> People(int count, int seed)
    {
        var rng = new Random(seed);
        var result = new List<DedupeRecord>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(new DedupeRecord
            {
                Id = "p" + i.ToString(CultureInfo.InvariantCulture),
                GivenName = Word(rng, 2),
                FamilyName = Word(rng, 3),
                DateOfBirth = new DateOnly(1940 + rng.Next(60), 1 + rng.Next(12), 1 + rng.Next(28)),
                Phones = ["+4930" + rng.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)],
                City = Word(rng, 2),
                Postcode = rng.Next(10000, 99999).ToString(CultureInfo.InvariantCulture),
                Street = Word(rng, 2) + " street",
                HouseNumber = rng.Next(1, 200).ToString(CultureInfo.InvariantCulture),
            });
        }

        return result;
    }

    /// <summary>Returns a copy of a record with a typo in the family name, a nickname-free given name and a new id.</summary>
    public static DedupeRecord TypoCopy(DedupeRecord r, string id)
    {
        var family = r.FamilyName!;
        var typo = family[..2] + family[3] + family[2] + family[4..];
        return r with { Id = id, FamilyName = typo, Phones = [], Postcode = null };
    }

    /// <summary>Returns a pronounceable word for a number; distinct numbers give distinct words.</summary>
    public static string WordOf(int i)
    {
        var s = string.Empty;
        for (var v = i + 1000; v > 0; v /= s_syllables.Length)
        {
            s += s_syllables[v % s_syllables.Length];
        }

        return s;
    }

    private static string Word(Random rng, int parts)
    {
        var s = string.Empty;
        for (var i = 0; i < parts; i++)
        {
            s += s_syllables[rng.Next(s_syllables.Length)];
        }

        return s;
    }
}
