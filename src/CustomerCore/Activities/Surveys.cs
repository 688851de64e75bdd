using CustomerCore.Customers;

namespace CustomerCore.Activities;

/// <summary>Represents one answered satisfaction survey.</summary>
/// <param name="CustomerId">The customer who answered.</param>
/// <param name="RespondedAt">When the customer answered.</param>
/// <param name="Csat">The satisfaction score 1–5, or <see langword="null"/> when not asked.</param>
/// <param name="Nps">The likelihood-to-recommend score 0–10, or <see langword="null"/> when not asked.</param>
/// <param name="OwnerId">The owning sales rep, for grouping.</param>
/// <param name="Region">The region (e.g. province), for grouping.</param>
/// <param name="Segment">The segment (e.g. RFM tier), for grouping.</param>
/// <param name="InteractionId">The interaction surveyed, when the survey is about one.</param>
public sealed record SurveyResponse(
    CustomerId CustomerId,
    DateTimeOffset RespondedAt,
    int? Csat,
    int? Nps,
    string? OwnerId = null,
    string? Region = null,
    string? Segment = null,
    InteractionId? InteractionId = null);

/// <summary>Names what survey scores are grouped by.</summary>
public enum SurveyGrouping
{
    /// <summary>One group for all responses.</summary>
    None = 0,

    /// <summary>By owning sales rep.</summary>
    Owner = 1,

    /// <summary>By region.</summary>
    Region = 2,

    /// <summary>By segment.</summary>
    Segment = 3,
}

/// <summary>Summarizes the survey responses of one group.</summary>
/// <param name="Key">The group key (owner, region or segment); empty for responses without one, or for <see cref="SurveyGrouping.None"/>.</param>
/// <param name="Responses">The number of responses in the group.</param>
/// <param name="CsatResponses">The number with a valid CSAT score.</param>
/// <param name="Csat">The share of CSAT scores of 4 or 5, in percent (0–100), or <see langword="null"/> without CSAT scores.</param>
/// <param name="NpsResponses">The number with a valid NPS score.</param>
/// <param name="Nps">The net promoter score: percent promoters (9–10) minus percent detractors (0–6), −100 to 100, or <see langword="null"/> without NPS scores.</param>
public sealed record SurveyScore(string Key, int Responses, int CsatResponses, double? Csat, int NpsResponses, double? Nps);

/// <summary>Aggregates satisfaction surveys into CSAT and NPS per owner, region or segment.</summary>
/// <remarks>Pure and thread-safe; O(n) over the responses. Scores out of range (CSAT not 1–5, NPS not 0–10) are ignored,
/// not errors, so one bad row cannot spoil a report.</remarks>
public static class SurveyAggregator
{
    /// <summary>Computes CSAT and NPS per group over the responses within a period.</summary>
    /// <param name="responses">The responses.</param>
    /// <param name="grouping">What to group by.</param>
    /// <param name="from">The inclusive start of the period, or <see langword="null"/> for no start.</param>
    /// <param name="to">The exclusive end of the period, or <see langword="null"/> for no end.</param>
    /// <returns>One score per group, ordered by key (ordinal).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grouping"/> is not defined.</exception>
    public static IReadOnlyList<SurveyScore> Aggregate(ReadOnlySpan<SurveyResponse> responses, SurveyGrouping grouping, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        if (!Enum.IsDefined(grouping))
        {
            throw new ArgumentOutOfRangeException(nameof(grouping), "Grouping must be None, Owner, Region or Segment.");
        }

        var groups = new Dictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (var response in responses)
        {
            if (response is null || (from is { } f && response.RespondedAt < f) || (to is { } t && response.RespondedAt >= t))
            {
                continue;
            }

            var key = grouping switch
            {
                SurveyGrouping.Owner => response.OwnerId,
                SurveyGrouping.Region => response.Region,
                SurveyGrouping.Segment => response.Segment,
                _ => null,
            } ?? string.Empty;
            if (!groups.TryGetValue(key, out var acc))
            {
                acc = new Accumulator();
                groups[key] = acc;
            }

            acc.Responses++;
            if (response.Csat is >= 1 and <= 5 and var csat)
            {
                acc.CsatCount++;
                acc.Satisfied += csat >= 4 ? 1 : 0;
            }

            if (response.Nps is >= 0 and <= 10 and var nps)
            {
                acc.NpsCount++;
                acc.Promoters += nps >= 9 ? 1 : 0;
                acc.Detractors += nps <= 6 ? 1 : 0;
            }
        }

        var result = new List<SurveyScore>(groups.Count);
        foreach (var (key, acc) in groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            result.Add(new SurveyScore(
                key,
                acc.Responses,
                acc.CsatCount,
                acc.CsatCount == 0 ? null : 100.0 * acc.Satisfied / acc.CsatCount,
                acc.NpsCount,
                acc.NpsCount == 0 ? null : 100.0 * (acc.Promoters - acc.Detractors) / acc.NpsCount));
        }

        return result;
    }

    private sealed class Accumulator
    {
        public int Responses;
        public int CsatCount;
        public int Satisfied;
        public int NpsCount;
        public int Promoters;
        public int Detractors;
    }
}
