using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using CsvHelper;
using CustomerCore.Customers;
using CustomerCore.Storage;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Import;

/// <inheritdoc/>
internal sealed class CustomerImporter(
    ICustomerService service,
    ICustomerValidator validator,
    IImportAddressStandardizer addressStandardizer,
    IImportDuplicateFinder duplicateFinder,
    ILogger<CustomerImporter> logger,
    ICustomerStore? store = null) : ICustomerImporter
{
    internal const string CompanyAttribute = "company";
    internal const string ExternalIdAttribute = "externalId";

    private static readonly char[] s_listSeparators = [';', '；', '|'];
    private static readonly char[] s_tagSeparators = [';', '；', ',', '，', '、', '|'];
    private static readonly int s_reasonCount = Enum.GetValues<ImportRejectReason>().Length;

    /// <summary>Gets the number of rows per chunk handed from the reading/validating thread to the storing side.</summary>
    internal const int ChunkSize = 256;

    /// <summary>Gets the most chunks the reading side may prepare ahead of the storing side.</summary>
    internal const int ReadAheadChunks = 4;

    /// <inheritdoc/>
    public async Task<ImportReport> ImportAsync(CallerContext caller, Stream input, ImportOptions options, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var activity = CustomerCore.Internal.Telemetry.Source.StartActivity("customercore.import");
        if (!input.CanRead)
        {
            throw new ArgumentException("The input stream must be readable.", nameof(input));
        }

        var counts = new Counts(new long[s_reasonCount]);
        using var reader = await TextEncodingDetector.OpenAsync(input, cancellationToken).ConfigureAwait(false);
        using var rejects = options.Rejects is null ? null : CsvWriter.Create(options.Rejects, CsvWriterOptions.Default, leaveOpen: true);
        if (rejects is not null)
        {
            await rejects.WriteRecordAsync(["row", "reason", "fields", "raw"], cancellationToken).ConfigureAwait(false);
        }

        // New customers wait here and are created with one CreateManyAsync call per batch; updates and merges go one by one.
        // While batch k is written (at most one write in flight), the rows of batch k+1 are applied into a second buffer.
        var batch = new PendingBatch(options.BatchSize);
        var writing = new PendingBatch(options.BatchSize);
        Task<WriteOutcome[]>? inFlight = null;
        List<(long Number, ImportRejectReason Reason, string Fields, string Raw)> deferredRejects = [];

        // The fast path skips the service's second validation of rows this importer already validated. The service and the
        // access-control decorator offer it (the decorator routes it through its rights check and audit, as CreateManyAsync);
        // a decorator that does not (field encryption) hides it, so its rules keep applying through the public path. It is
        // used only when the service validates with the very validator used here, so the stored rows are the same.
        var fastWriter = service is IValidatedCustomerWriter w && ReferenceEquals(w.Validator, validator) ? w : null;
        var needsNormalizedRow = fastWriter is not null || options.MatchExisting || options.DryRun || duplicateFinder is not NoOpImportDuplicateFinder;
        var contacts = await CreateContactIndexAsync(options, cancellationToken).ConfigureAwait(false);
        var keyLookup = contacts is { NeedsStoreKeys: true } ? store as IContactKeyLookup : null;

        // Confirms a "may match" of the contact filter with one read of the store (no audit, no write lock), so that a false
        // positive does not have to wait for the batch in flight. Null when the store cannot answer (field encryption).
        var confirmLookup = duplicateFinder is NoOpImportDuplicateFinder ? store as IContactKeyLookup : null;
        List<string> confirmKeys = [];
        async Task RejectAsync(long number, ImportRejectReason reason, string fields, string raw)
        {
            counts.Rejected++;
            counts.ByReason[(int)reason]++;
            Log.ImportRowRejected(logger, number, reason);
            if (rejects is not null && inFlight is not null)
            {
                // The batch being written precedes this row: its rejects are written first, as without the overlap.
                deferredRejects.Add((number, reason, fields, raw));
            }
            else if (rejects is not null)
            {
                await WriteRejectAsync(number, reason, fields, raw).ConfigureAwait(false);
            }
        }

        // A rejected row is always written, also when the run is being cancelled or has failed: nothing read is lost.
        ValueTask WriteRejectAsync(long number, ImportRejectReason reason, string fields, string raw) => rejects!.WriteRecordAsync(
            [number.ToString(CultureInfo.InvariantCulture), reason.ToString(), fields, raw.TrimEnd('\r', '\n')],
            CancellationToken.None);

        // Waits for the write in flight, if any, and accounts for its results (then for the rejects deferred meanwhile).
        async Task CompleteWriteAsync()
        {
            if (inFlight is null)
            {
                return;
            }

            WriteOutcome[] results;
            try
            {
                results = await inFlight.ConfigureAwait(false);
            }
            catch
            {
                // The write failed or was cancelled: its rows surface with the exception, the rows rejected meanwhile are kept.
                await WriteDeferredRejectsAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                inFlight = null;
            }

            for (var i = 0; i < results.Length; i++)
            {
                var result = results[i];
                var row = writing.Rows[i];
                var raw = writing.RawOf(i);
                if (result.Status == SaveStatus.Created)
                {
                    counts.Created++;
                }
                else if (result.Status == SaveStatus.Invalid)
                {
                    await RejectAsync(row.Number, ReasonFor(result.Problems), FieldsOf(result.Problems), raw).ConfigureAwait(false);
                }
                else
                {
                    await RejectAsync(row.Number, ImportRejectReason.Conflict, result.Status.ToString(), raw).ConfigureAwait(false);
                }
            }

            writing.Clear();
            await WriteDeferredRejectsAsync().ConfigureAwait(false);
        }

        async Task WriteDeferredRejectsAsync()
        {
            foreach (var (number, reason, fields, raw) in deferredRejects)
            {
                await WriteRejectAsync(number, reason, fields, raw).ConfigureAwait(false);
            }

            deferredRejects.Clear();
        }

        // Starts writing the waiting batch after the previous write completed; with wait, also waits for this one. Without
        // wait and with nothing waiting, the write in flight keeps running (the next batch's rows go on being applied).
        async Task FlushAsync(bool wait)
        {
            if (batch.Rows.Count > 0)
            {
                await CompleteWriteAsync().ConfigureAwait(false);
                (batch, writing) = (writing, batch);
                var toWrite = writing.Candidates;
                inFlight = fastWriter is not null
                    ? Task.Run(() => OutcomesAsync(fastWriter.CreateManyValidatedAsync(caller, toWrite, cancellationToken)), CancellationToken.None)
                    : OutcomesAsync(service.CreateManyAsync(caller, toWrite, cancellationToken));
            }

            if (wait)
            {
                await CompleteWriteAsync().ConfigureAwait(false);
            }
        }

        // Reading, building and validating run on a second thread, a bounded number of chunks ahead of the storing side
        // (so memory stays flat); this side applies the rows strictly in file order, so results and rejects keep their order.
        // A few chunks ahead are enough now that the store write overlaps the next batch: every row waiting here survives
        // garbage collections (copied to older generations), which cost more than the decoupling gained.
        // Each chunk is built and validated by its own pool task, so two chunks can be prepared at once on two cores (the
        // reading thread only parses CSV); the channel holds the tasks in file order, so chunks are applied in file order.
        var channel = Channel.CreateBounded<Task<PreparedChunk>>(new BoundedChannelOptions(Math.Clamp(options.BatchSize / ChunkSize, 2, ReadAheadChunks))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readAll = false;
        var prepareFailed = false;
        var producer = Task.Run(() => PrepareAsync(reader, options, needsNormalizedRow, keyLookup is not null, channel.Writer, stop.Token), stop.Token);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var pending))
                {
                    var chunk = await pending.ConfigureAwait(false);
                    if (keyLookup is not null)
                    {
                        contacts!.SetStoredKeys(chunk.Keys.Count == 0 ? [] : await keyLookup.FindStoredKeysAsync(chunk.Keys, cancellationToken).ConfigureAwait(false));
                    }

                    for (var c = 0; c < chunk.Count; c++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var prepared = chunk.Rows[c];
                        var row = prepared.Row;
                        counts.Total++;
                        if (row.Malformed)
                        {
                            await RejectAsync(row.Number, ImportRejectReason.MalformedRow, string.Empty, row.Raw).ConfigureAwait(false);
                        }
                        else if (prepared.Validation is not { } validation)
                        {
                            // Nothing needs the normalized row before the save: CreateManyAsync validates it once, and its problems
                            // give the same reject reasons.
                            batch.Add(row, prepared.Candidate!, null);
                        }
                        else if (!options.MatchExisting && !options.DryRun && duplicateFinder is NoOpImportDuplicateFinder)
                        {
                            // Validated only for the fast path (no matching): the row goes straight to the batch.
                            if (validation.IsValid)
                            {
                                batch.Add(row, validation.Customer, null);
                            }
                            else
                            {
                                await RejectAsync(row.Number, ReasonFor(validation.Problems), FieldsOf(validation.Problems), row.Raw).ConfigureAwait(false);
                            }
                        }
                        else if (!validation.IsValid)
                        {
                            await RejectAsync(row.Number, ReasonFor(validation.Problems), FieldsOf(validation.Problems), row.Raw).ConfigureAwait(false);
                        }
                        else
                        {
                            // A row that shares a phone or email with a waiting row must see it stored first, as one-by-one would;
                            // so must a duplicate finder other than the default, which may match any earlier row.
                            var hashes = prepared.KeyHashes ?? [];

                            // Asked once per row (each answer touches the contact filter's stages, mostly cache misses).
                            var mayMatch = options.MatchExisting && (contacts is null || contacts.MayMatch(hashes));
                            if (mayMatch && inFlight is not null && confirmLookup is not null && !writing.SharesContactWith(hashes))
                            {
                                // Not in the batch in flight nor in the waiting one (checked below): only a customer stored
                                // before can match, and the store shows those while it writes. The filter's false positives
                                // hit nearly every batch of a 1M-row import; waiting for the write on each stopped this side
                                // for 15 of 22 seconds.
                                confirmKeys.Clear();
                                ImportContactIndex.CollectKeys(validation.Customer, confirmKeys);
                                mayMatch = (await confirmLookup.FindStoredKeysAsync(confirmKeys, cancellationToken).ConfigureAwait(false)).Count > 0;
                            }

                            if (batch.SharesContactWith(hashes) || (batch.Rows.Count > 0 && duplicateFinder is not NoOpImportDuplicateFinder))
                            {
                                await FlushAsync(wait: true).ConfigureAwait(false);
                            }
                            else if (inFlight is not null && (mayMatch || duplicateFinder is not NoOpImportDuplicateFinder))
                            {
                                // The row reads the store (a search that may find a customer of the batch in flight, or the
                                // duplicate finder) or may update it: every earlier row must be stored first, as one by one.
                                await CompleteWriteAsync().ConfigureAwait(false);
                            }

                            var (reason, fields) = await ApplyAsync(caller, row, prepared.Candidate!, validation.Customer, hashes, mayMatch, options, counts, batch, contacts, fastWriter is not null, cancellationToken).ConfigureAwait(false);
                            if (reason is { } r)
                            {
                                await RejectAsync(row.Number, r, fields, row.Raw).ConfigureAwait(false);
                            }
                        }

                        if (batch.IsFull)
                        {
                            await FlushAsync(wait: false).ConfigureAwait(false);
                        }

                        if (counts.Total % options.BatchSize == 0)
                        {
                            // The batch is handed to the store and this side goes on with the next rows; the progress counts
                            // rows read and applied, the outcome counts lag by the batch in flight.
                            await FlushAsync(wait: false).ConfigureAwait(false);
                            progress?.Report(counts.ToProgress());
                            if (rejects is not null)
                            {
                                await rejects.FlushAsync(cancellationToken).ConfigureAwait(false);
                            }
                        }
                    }

                    if (chunk.Failure is { } failure)
                    {
                        // Preparing a row failed: the rows before it were applied above, as if read one by one.
                        prepareFailed = true;
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
                    }
                }
            }

            await channel.Reader.Completion.ConfigureAwait(false);
            readAll = true;
        }
        catch (Exception e) when (e is not OperationCanceledException && (prepareFailed || channel.Reader.Completion.IsFaulted))
        {
            // The input failed to read past the rows applied so far: store those (they were accepted) before the failure surfaces.
            await FlushAsync(wait: true).ConfigureAwait(false);
            if (rejects is not null)
            {
                await rejects.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            while (channel.Reader.TryRead(out var unused))
            {
                // Chunks prepared for rows that will not be applied (the run failed or was cancelled): let them finish.
                await ((Task)unused).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            // Never return while a write still runs: on failure or cancellation the batch in flight ends (stored or not, as the
            // store decides for one bulk insert) and is accounted for, and the rows rejected meanwhile are written, before the
            // exception that ended the run surfaces (over a failure of that write itself). After a full read the flush below
            // completes the write instead, and its failure surfaces.
            if (!readAll && inFlight is not null)
            {
                await ((Task)inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (inFlight.IsCompletedSuccessfully)
                {
                    await CompleteWriteAsync().ConfigureAwait(false);
                }
                else
                {
                    inFlight = null;
                    await WriteDeferredRejectsAsync().ConfigureAwait(false);
                }

                if (rejects is not null)
                {
                    await rejects.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        await FlushAsync(wait: true).ConfigureAwait(false);
        if (rejects is not null)
        {
            await rejects.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        progress?.Report(counts.ToProgress());
        var byReason = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < s_reasonCount; i++)
        {
            if (counts.ByReason[i] > 0)
            {
                byReason[((ImportRejectReason)i).ToString()] = counts.ByReason[i];
            }
        }

        Log.ImportCompleted(logger, counts.Total, counts.Created, counts.Updated, counts.Merged, counts.Rejected, options.DryRun);
        foreach (var (outcome, value) in new[] { ("created", counts.Created), ("updated", counts.Updated), ("merged", counts.Merged), ("rejected", counts.Rejected) })
        {
            CustomerCore.Internal.Telemetry.ImportRows.Add(value, new KeyValuePair<string, object?>("outcome", outcome));
        }

        return new ImportReport(counts.Total, counts.Created, counts.Updated, counts.Merged, counts.Rejected, byReason, options.DryRun);
    }

    /// <summary>Creates the index that skips provably empty searches, or <see langword="null"/> when every row must be searched
    /// (no matching, or no store to ask whether it was empty).</summary>
    private async Task<ImportContactIndex?> CreateContactIndexAsync(ImportOptions options, CancellationToken cancellationToken)
    {
        if (!options.MatchExisting || store is null)
        {
            return null;
        }

        // One unfiltered row instead of a count: a LIMIT 1 on every provider, where a count may scan a large table.
        var first = await store.QueryAsync(new CustomerQuery { Page = new PageRequest(1) }, cancellationToken).ConfigureAwait(false);
        var storeWasEmpty = first.Items.Count == 0;
        return new ImportContactIndex(storeWasEmpty);
    }

    /// <summary>Reads rows into chunks and starts building and (when needed) validating each chunk on a pool task; runs on
    /// its own thread, ahead of the storing side, and hands the chunk tasks over in file order.</summary>
    private async Task PrepareAsync(StreamReader reader, ImportOptions options, bool validate, bool collectKeys, ChannelWriter<Task<PreparedChunk>> writer, CancellationToken cancellationToken)
    {
        var rows = new RawRow[ChunkSize];
        var count = 0;
        try
        {
            await foreach (var row in ReadRowsAsync(reader, options, cancellationToken).ConfigureAwait(false))
            {
                rows[count++] = row;
                if (count == ChunkSize)
                {
                    await writer.WriteAsync(StartPrepare(rows, count, options.SourceChannel, validate, collectKeys), cancellationToken).ConfigureAwait(false);
                    rows = new RawRow[ChunkSize];
                    count = 0;
                }
            }

            if (count > 0)
            {
                await writer.WriteAsync(StartPrepare(rows, count, options.SourceChannel, validate, collectKeys), cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
#pragma warning disable CA1031 // Boundary: whatever stops the reading side is handed to the storing side, which rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The rows read before the failure are handed over first, so they are applied and counted, then the failure surfaces.
            if (count > 0 && e is not OperationCanceledException)
            {
                try
                {
                    await writer.WriteAsync(StartPrepare(rows, count, options.SourceChannel, validate, collectKeys), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The storing side stopped first (cancelled or failed itself): it applies nothing more.
                }
            }

            writer.TryComplete(e);
        }
    }

    /// <summary>Starts preparing a chunk on the thread pool (pure CPU work: it ignores cancellation and never throws; a
    /// failure ends the chunk at the failing row and travels with it).</summary>
    private Task<PreparedChunk> StartPrepare(RawRow[] rows, int count, string sourceChannel, bool validate, bool collectKeys) =>
        Task.Run(() => Prepare(rows, count, sourceChannel, validate, collectKeys), CancellationToken.None);

    /// <summary>Builds and (when needed) validates the rows of one chunk, and collects the contact keys of the valid ones.</summary>
    private PreparedChunk Prepare(RawRow[] rows, int count, string sourceChannel, bool validate, bool collectKeys)
    {
        var chunk = new PreparedChunk();
        var labels = new ImportLabelPool(); // per chunk: one thread prepares it
        try
        {
            for (var i = 0; i < count; i++)
            {
                var row = rows[i];
                PreparedRow prepared;
                if (row.Malformed)
                {
                    prepared = new PreparedRow(row, null, null, null);
                }
                else
                {
                    var candidate = BuildCustomer(row.Values!, sourceChannel, addressStandardizer, labels);
                    var validation = validate ? validator.Validate(candidate) : null;
                    ulong[]? hashes = null;
                    if (validation is { IsValid: true })
                    {
                        hashes = ImportContactIndex.HashesOf(validation.Customer);
                        if (collectKeys)
                        {
                            ImportContactIndex.CollectKeys(validation.Customer, chunk.Keys);
                        }
                    }

                    prepared = new PreparedRow(row, candidate, validation, hashes);
                }

                chunk.Rows[chunk.Count++] = prepared;
            }
        }
#pragma warning disable CA1031 // Boundary: the failure is handed to the storing side with the rows before it, which rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            chunk.Failure = e;
        }

        return chunk;
    }

    /// <summary>Builds a customer from a row's mapped values (pure: no validation, no I/O).</summary>
    /// <remarks>Allocation-light: lists are created only for fields that have values, and a value without a separator is
    /// used as it is instead of being split.</remarks>
    internal static Customer BuildCustomer(RowValues row, string sourceChannel, IImportAddressStandardizer standardizer, ImportLabelPool? labels = null)
    {
        var name = row.First(ImportField.Name) ?? string.Empty;
        List<PhoneNumber>? phones = null;
        List<EmailAddress>? emails = null;
        List<PostalAddress>? addresses = null;
        List<string>? tags = null;
        var columns = row.Columns(ImportField.Phone);
        for (var c = 0; c < columns.Length; c++)
        {
            if (row.ValueAt(columns[c]) is { } value)
            {
                ForEachPart(value, s_listSeparators, ref phones, static part => new PhoneNumber { Raw = part }, distinct: false, null);
            }
        }

        columns = row.Columns(ImportField.Email);
        for (var c = 0; c < columns.Length; c++)
        {
            if (row.ValueAt(columns[c]) is { } value)
            {
                ForEachPart(value, s_tagSeparators, ref emails, static part => new EmailAddress { Raw = part }, distinct: false, null);
            }
        }

        columns = row.Columns(ImportField.Address);
        for (var c = 0; c < columns.Length; c++)
        {
            if (row.ValueAt(columns[c]) is { } value)
            {
                (addresses ??= new List<PostalAddress>(1)).Add(standardizer.Standardize(new PostalAddress { Original = value.Trim() }));
            }
        }

        columns = row.Columns(ImportField.Tags);
        for (var c = 0; c < columns.Length; c++)
        {
            if (row.ValueAt(columns[c]) is { } value)
            {
                ForEachPart(value, s_tagSeparators, ref tags, static part => part, distinct: true, labels);
            }
        }

        // At most two attributes, under distinct names: a SmallAttributeMap rather than a dictionary per row.
        var company = row.First(ImportField.Company);
        var externalId = row.First(ImportField.ExternalId);
        IReadOnlyDictionary<string, string> attributes = (company, externalId) switch
        {
            (null, null) => Customer.NoAttributes,
            ({ } c, null) => new SmallAttributeMap([new(CompanyAttribute, c)]),
            (null, { } e) => new SmallAttributeMap([new(ExternalIdAttribute, e)]),
            ({ } c, { } e) => new SmallAttributeMap([new(CompanyAttribute, c), new(ExternalIdAttribute, e)]),
        };

        var owner = row.First(ImportField.Owner);
        return new Customer
        {
            Id = CustomerId.New(),
            DisplayName = name,
            Phones = (IReadOnlyList<PhoneNumber>?)phones ?? [],
            Emails = (IReadOnlyList<EmailAddress>?)emails ?? [],
            Addresses = (IReadOnlyList<PostalAddress>?)addresses ?? [],
            OwnerId = owner is null || labels is null ? owner : labels.Get(owner, owner),
            Tags = (IReadOnlyList<string>?)tags ?? [],
            Attributes = attributes,
            Notes = row.First(ImportField.Notes),
            SourceChannel = sourceChannel,
        };
    }

    /// <summary>Adds the trimmed, non-empty parts of a separated value (as <c>Split</c> with RemoveEmptyEntries and
    /// TrimEntries would) without allocating the split array; <paramref name="distinct"/> drops repeated parts (ordinal).</summary>
    private static void ForEachPart<T>(string value, char[] separators, ref List<T>? list, Func<string, T> create, bool distinct, ImportLabelPool? pool)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var at = rest.IndexOfAny(separators);
            var part = (at < 0 ? rest : rest[..at]).Trim();
            if (!part.IsEmpty)
            {
                // The whole value, when it is one untrimmed part, is reused instead of copied.
                var whole = part.Length == value.Length ? value : null;
                var text = pool?.Get(part, whole) ?? whole ?? part.ToString();
                if (!distinct || list is null || !ContainsOrdinal(list, text))
                {
                    (list ??= new List<T>(1)).Add(create(text));
                }
            }

            if (at < 0)
            {
                return;
            }

            rest = rest[(at + 1)..];
        }
    }

    private static bool ContainsOrdinal<T>(List<T> list, string text)
    {
        foreach (var item in list)
        {
            if (item is string s && string.Equals(s, text, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static ImportRejectReason ReasonFor(IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count == 0)
        {
            return ImportRejectReason.InvalidValue;
        }

        var first = problems[0];
        return first.Code switch
        {
            ValidationCode.Required when first.Field.StartsWith(nameof(Customer.DisplayName), StringComparison.Ordinal) => ImportRejectReason.MissingName,
            ValidationCode.InvalidPhone => ImportRejectReason.InvalidPhone,
            ValidationCode.InvalidEmail => ImportRejectReason.InvalidEmail,
            ValidationCode.TooLong => ImportRejectReason.TooLong,
            ValidationCode.InvalidCharacters => ImportRejectReason.InvalidCharacters,
            _ => ImportRejectReason.InvalidValue,
        };
    }

    private static string FieldsOf(IReadOnlyList<ValidationProblem> problems) =>
        string.Join(';', problems.Select(p => p.Field + ":" + p.Code).Distinct(StringComparer.Ordinal));

    /// <remarks>A <see cref="ValueTask{TResult}"/>: most rows complete synchronously (added to the batch), without a task object.</remarks>
    private async ValueTask<(ImportRejectReason? Reason, string Fields)> ApplyAsync(
        CallerContext caller, RawRow row, Customer candidate, Customer normalized, ulong[] keyHashes, bool mayMatch, ImportOptions options, Counts counts, PendingBatch batch, ImportContactIndex? contacts, bool batchNormalized, CancellationToken cancellationToken)
    {
        var existing = mayMatch
            ? await FindExistingAsync(caller, normalized, cancellationToken).ConfigureAwait(false)
            : null;
        var merged = false;
        if (existing is null && await duplicateFinder.FindDuplicateAsync(caller, normalized, cancellationToken).ConfigureAwait(false) is { } duplicateId)
        {
            existing = await service.GetAsync(caller, duplicateId, cancellationToken).ConfigureAwait(false);
            merged = existing is not null;
        }

        if (options.DryRun)
        {
            CountSuccess(counts, existing is null, merged);
            return (null, string.Empty);
        }

        // From here the row's keys may be stored (a failed save only costs a later row one extra search).
        if (mayMatch)
        {
            contacts?.Add(keyHashes);
        }
        else
        {
            contacts?.AddAbsent(keyHashes);
        }

        if (existing is null)
        {
            batch.Add(row, batchNormalized ? normalized : candidate, keyHashes);
            return (null, string.Empty);
        }

        var result = await service.UpdateAsync(caller, MergeInto(existing, candidate), cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SaveStatus.Updated:
                CountSuccess(counts, created: false, merged);
                return (null, string.Empty);
            case SaveStatus.Invalid:
                return (ReasonFor(result.Problems), FieldsOf(result.Problems));
            default:
                return (ImportRejectReason.Conflict, result.Status.ToString());
        }
    }

    private static void CountSuccess(Counts counts, bool created, bool merged)
    {
        if (created)
        {
            counts.Created++;
        }
        else if (merged)
        {
            counts.Merged++;
        }
        else
        {
            counts.Updated++;
        }
    }

    internal async Task<Customer?> FindExistingAsync(CallerContext caller, Customer normalized, CancellationToken cancellationToken)
    {
        foreach (var phone in normalized.Phones)
        {
            if (phone.E164 is { } e164)
            {
                var page = await service.SearchAsync(caller, new CustomerQuery { Phone = e164, Page = new PageRequest(1) }, cancellationToken).ConfigureAwait(false);
                if (page.Items.Count > 0)
                {
                    return page.Items[0];
                }
            }
        }

        foreach (var email in normalized.Emails)
        {
            if (email.Normalized is { } address)
            {
                var page = await service.SearchAsync(caller, new CustomerQuery { Email = address, Page = new PageRequest(1) }, cancellationToken).ConfigureAwait(false);
                if (page.Items.Count > 0)
                {
                    return page.Items[0];
                }
            }
        }

        return null;
    }

    /// <summary>Merges an imported row into an existing customer: new values win, lists are united, nothing existing is dropped.</summary>
    internal static Customer MergeInto(Customer existing, Customer imported)
    {
        var attributes = new Dictionary<string, string>(existing.Attributes, StringComparer.Ordinal);
        foreach (var (key, value) in imported.Attributes)
        {
            attributes[key] = value;
        }

        return existing with
        {
            DisplayName = string.IsNullOrWhiteSpace(imported.DisplayName) ? existing.DisplayName : imported.DisplayName,
            Phones = [.. existing.Phones, .. imported.Phones.Where(p => !existing.Phones.Any(e => string.Equals(e.Raw, p.Raw, StringComparison.Ordinal) || (e.E164 is not null && e.E164 == p.E164)))],
            Emails = [.. existing.Emails, .. imported.Emails.Where(p => !existing.Emails.Any(e => string.Equals(e.Raw, p.Raw, StringComparison.OrdinalIgnoreCase) || (e.Normalized is not null && e.Normalized == p.Normalized)))],
            Addresses = [.. existing.Addresses, .. imported.Addresses.Where(a => !existing.Addresses.Any(e => string.Equals(e.Original, a.Original, StringComparison.Ordinal)))],
            Tags = [.. existing.Tags.Union(imported.Tags, StringComparer.Ordinal)],
            OwnerId = imported.OwnerId ?? existing.OwnerId,
            Notes = imported.Notes ?? existing.Notes,
            Attributes = attributes,
        };
    }

    internal static async IAsyncEnumerable<RawRow> ReadRowsAsync(StreamReader reader, ImportOptions options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (options.Format == ImportFormat.JsonLines)
        {
            long number = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                number++;
                yield return ParseJsonLine(number, line, options);
            }

            yield break;
        }

        // Malformed records (bad quoting) are skipped by the parser and reported here, so they are counted and kept as rejects.
        var malformed = new Queue<string>();
        var csvOptions = CsvReaderOptions.Default with
        {
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = m => malformed.Enqueue(m.RawRecord ?? string.Empty),
            SkipEmptyLines = true,
        };
        using var csv = CsvReader.Create(reader, csvOptions, leaveOpen: true);
        long row = 0;
        int[][]? map = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var more = await csv.ReadAsync(cancellationToken).ConfigureAwait(false);
            while (malformed.Count > 0)
            {
                row++;
                yield return new RawRow(row, null, malformed.Dequeue(), Malformed: true);
            }

            if (!more)
            {
                yield break;
            }

            map ??= HeaderMap.Resolve([.. csv.Headers], options.Mapping, options.AutoMap);
            var record = new string[csv.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = csv.GetString(i);
            }

            row++;
            yield return new RawRow(row, new RowValues(record, map), System.Text.Encoding.UTF8.GetString(csv.RawRecord), Malformed: false);
        }
    }

    private static RawRow ParseJsonLine(long number, string line, ImportOptions options)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new RawRow(number, null, line, Malformed: true);
            }

            List<string> headers = [];
            List<string> values = [];
            foreach (var property in document.RootElement.EnumerateObject())
            {
                headers.Add(property.Name);
                values.Add(property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? string.Empty,
                    JsonValueKind.Array => string.Join(';', property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
                    JsonValueKind.Null => string.Empty,
                    _ => property.Value.GetRawText(),
                });
            }

            return new RawRow(number, new RowValues([.. values], HeaderMap.Resolve(headers, options.Mapping, options.AutoMap)), line, Malformed: false);
        }
        catch (JsonException)
        {
            return new RawRow(number, null, line, Malformed: true);
        }
    }

    internal sealed record RawRow(long Number, RowValues? Values, string Raw, bool Malformed);

    /// <summary>Keeps what the importer needs of a save result (the status and problems), as soon as the write ends: the
    /// results' stored customers then die young instead of waiting, through garbage collections, for the next flush.</summary>
    private static async Task<WriteOutcome[]> OutcomesAsync(Task<IReadOnlyList<CustomerSaveResult>> write)
    {
        var results = await write.ConfigureAwait(false);
        var outcomes = new WriteOutcome[results.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = new WriteOutcome(results[i].Status, results[i].Problems);
        }

        return outcomes;
    }

    private readonly record struct WriteOutcome(SaveStatus Status, IReadOnlyList<ValidationProblem> Problems);

    /// <summary>Holds a read row with its built customer and, when matching needs it, its validation and contact key hashes.</summary>
    private readonly record struct PreparedRow(RawRow Row, Customer? Candidate, CustomerValidationResult? Validation, ulong[]? KeyHashes);

    /// <summary>Holds up to <see cref="ChunkSize"/> prepared rows in file order, and the contact keys of the valid ones.</summary>
    private sealed class PreparedChunk
    {
        public PreparedRow[] Rows { get; } = new PreparedRow[ChunkSize];

        public int Count { get; set; }

        public List<string> Keys { get; } = [];

        /// <summary>Gets or sets what stopped preparing the chunk at row <see cref="Count"/>, if anything did.</summary>
        public Exception? Failure { get; set; }
    }

    /// <summary>Holds the rows waiting to be created in one call, and the hashes of their contact keys, so a later row can
    /// see them (a hash collision only flushes the batch early, which changes nothing but its size).</summary>
    private sealed class PendingBatch(int capacity)
    {
        private readonly HashSet<ulong> _contacts = [];
        private readonly List<Customer> _candidates = new(capacity);

        /// <summary>Holds the raw text of the waiting rows as UTF-8, one buffer for the batch instead of one string per row
        /// (the rows wait through several garbage collections, which copy every object still alive).</summary>
        private readonly System.Buffers.ArrayBufferWriter<byte> _raw = new(capacity * 128);

        /// <summary>Gets the number of each waiting row and where its raw text is (all a reject needs): the parsed values are
        /// let go, so a batch keeps little alive while it waits and is written.</summary>
        public List<(long Number, int RawStart, int RawLength)> Rows { get; } = new(capacity);

        public IReadOnlyList<Customer> Candidates => _candidates;

        public bool IsFull => Rows.Count >= capacity;

        public void Add(RawRow row, Customer candidate, ulong[]? keyHashes)
        {
            var start = _raw.WrittenCount;
            var length = System.Text.Encoding.UTF8.GetBytes(row.Raw, _raw.GetSpan(System.Text.Encoding.UTF8.GetMaxByteCount(row.Raw.Length)));
            _raw.Advance(length);
            Rows.Add((row.Number, start, length));
            _candidates.Add(candidate);
            foreach (var hash in keyHashes ?? [])
            {
                _contacts.Add(hash);
            }
        }

        public bool SharesContactWith(ulong[] keyHashes)
        {
            if (_contacts.Count == 0)
            {
                return false;
            }

            foreach (var hash in keyHashes)
            {
                if (_contacts.Contains(hash))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Gets the raw text of the waiting row at <paramref name="index"/> (only a rejected row needs it).</summary>
        public string RawOf(int index) => System.Text.Encoding.UTF8.GetString(_raw.WrittenSpan.Slice(Rows[index].RawStart, Rows[index].RawLength));

        public void Clear()
        {
            _raw.ResetWrittenCount();
            Rows.Clear();
            _candidates.Clear();
            _contacts.Clear();
        }
    }

    private sealed class Counts(long[] byReason)
    {
        public long Total;
        public long Created;
        public long Updated;
        public long Merged;
        public long Rejected;

        public long[] ByReason { get; } = byReason;

        public ImportProgress ToProgress() => new(Total, Created, Updated, Merged, Rejected);
    }
}

/// <summary>Gives access to one row's values by field, through the resolved column map.</summary>
internal sealed class RowValues(string[] values, int[][] map)
{
    public string? First(ImportField field)
    {
        foreach (var index in map[(int)field])
        {
            if (index < values.Length && !string.IsNullOrWhiteSpace(values[index]))
            {
                return values[index].Trim();
            }
        }

        return null;
    }

    /// <summary>Gets the column indexes mapped to a field, in mapping order.</summary>
    public int[] Columns(ImportField field) => map[(int)field];

    /// <summary>Gets the value of a column, or <see langword="null"/> when it is missing or blank.</summary>
    public string? ValueAt(int index) => index < values.Length && !string.IsNullOrWhiteSpace(values[index]) ? values[index] : null;
}
