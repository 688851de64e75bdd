using CustomerCore.Customers;

namespace CustomerCore.Import;

/// <summary>Imports customers from CSV or JSON lines through the customer service, accounting for every row.</summary>
public interface ICustomerImporter
{
    /// <summary>Reads rows from a stream, validates them and creates or updates customers through the customer service.</summary>
    /// <param name="caller">Who runs the import; access rules and audit apply to every row.</param>
    /// <param name="input">The file content; UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 is detected.</param>
    /// <param name="options">The format, mapping, dry-run flag and rejects writer.</param>
    /// <param name="progress">Receives a report after every batch and at the end, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the import; rows already stored stay stored.</param>
    /// <returns>The report: every row counted once as created, updated, merged or rejected.</returns>
    /// <remarks>Streams the input: memory stays flat whatever the file size. Rows are applied one by one in file order,
    /// so a later row matching an earlier one by phone or email updates it. Reading and validation run on a second thread
    /// about one batch ahead; the exact phone/email search is skipped for rows that provably match nothing (the store was
    /// empty at the start and this run stored none of their keys), which assumes no other writer adds customers to the
    /// store during the import.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are out of range or the stream cannot be read.</exception>
    /// <exception cref="OperationCanceledException">The import was cancelled.</exception>
    Task<ImportReport> ImportAsync(CallerContext caller, Stream input, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default);
}
