namespace CustomerCore.Deduplication;

/// <summary>Finds duplicate records: a whole-set scan, a two-set linkage and an entry-time index.</summary>
public interface IDuplicateDetector
{
    /// <summary>Finds clusters of duplicate records in one set.</summary>
    /// <param name="records">The records; ids must be unique and non-empty.</param>
    /// <param name="progress">An optional receiver of the completed fraction, from 0 to 1.</param>
    /// <returns>One cluster assignment per record, the matched pairs with explanations, and blocking figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentException">A record is null, or an id is empty or repeated.</exception>
    DeduplicationResult Deduplicate(IReadOnlyList<DedupeRecord> records, IProgress<double>? progress = null);

    /// <summary>Links records of one set to records of another; a cluster holds at most one record from each side.</summary>
    /// <param name="left">The first set (for example the existing customers).</param>
    /// <param name="right">The second set (for example an import file).</param>
    /// <param name="progress">An optional receiver of the completed fraction, from 0 to 1.</param>
    /// <returns>Assignments for the left records, then the right records; a shared cluster id marks a link.</returns>
    /// <exception cref="ArgumentNullException">A set is null.</exception>
    /// <exception cref="ArgumentException">A record is null, or an id is empty or repeated across both sets.</exception>
    DeduplicationResult Link(IReadOnlyList<DedupeRecord> left, IReadOnlyList<DedupeRecord> right, IProgress<double>? progress = null);

    /// <summary>Fits a model on the records and builds an index that checks new records against them.</summary>
    /// <param name="records">The existing records; ids must be unique and non-empty.</param>
    /// <returns>The index.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> is null.</exception>
    /// <exception cref="ArgumentException">A record is null, or an id is empty or repeated.</exception>
    DuplicateIndex CreateIndex(IReadOnlyList<DedupeRecord> records);
}
