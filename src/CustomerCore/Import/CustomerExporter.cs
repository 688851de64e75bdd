using System.Text;
using System.Text.Json;
using CsvHelper;
using CustomerCore.Customers;
using Microsoft.Extensions.Logging;

namespace CustomerCore.Import;

/// <summary>Exports customers through the customer service to CSV or JSON lines, with the import's field vocabulary.</summary>
public interface ICustomerExporter
{
    /// <summary>Writes every customer the caller may see to a stream (UTF-8, no BOM), in id order.</summary>
    /// <param name="caller">Who runs the export; access rules apply.</param>
    /// <param name="output">The stream to write to; left open.</param>
    /// <param name="format">The format.</param>
    /// <param name="columnNames">The column name per field, or <see langword="null"/> for the default names (<c>name</c>, <c>phone</c>, ...), so that the file re-imports with the same mapping.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of customers written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The stream is not writable or a column name is blank.</exception>
    Task<long> ExportAsync(CallerContext caller, Stream output, ImportFormat format, IReadOnlyDictionary<ImportField, string>? columnNames = null, CancellationToken cancellationToken = default);
}

/// <inheritdoc/>
internal sealed class CustomerExporter(ICustomerService service, ILogger<CustomerExporter> logger) : ICustomerExporter
{
    private static readonly ImportField[] s_fields = Enum.GetValues<ImportField>();

    /// <inheritdoc/>
    public async Task<long> ExportAsync(CallerContext caller, Stream output, ImportFormat format, IReadOnlyDictionary<ImportField, string>? columnNames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream must be writable.", nameof(output));
        }

        var headers = new string[s_fields.Length];
        for (var i = 0; i < s_fields.Length; i++)
        {
            headers[i] = columnNames is not null && columnNames.TryGetValue(s_fields[i], out var name) ? name : HeaderMap.HeaderFor(s_fields[i]);
            if (string.IsNullOrWhiteSpace(headers[i]))
            {
                throw new ArgumentException("Column names must not be blank.", nameof(columnNames));
            }
        }

        long count = 0;
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var csv = format == ImportFormat.Csv ? CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true) : null;
            try
            {
                if (csv is not null)
                {
                    await csv.WriteRecordAsync(headers, cancellationToken).ConfigureAwait(false);
                }

                await foreach (var customer in service.StreamAsync(caller, cancellationToken).ConfigureAwait(false))
                {
                    var values = ValuesOf(customer);
                    if (csv is not null)
                    {
                        await csv.WriteRecordAsync(values, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await writer.WriteLineAsync(ToJsonLine(headers, values).AsMemory(), cancellationToken).ConfigureAwait(false);
                    }

                    count++;
                }

                if (csv is not null)
                {
                    await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (csv is not null)
                {
                    await csv.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        Log.ExportCompleted(logger, count);
        return count;
    }

    internal static string[] ValuesOf(Customer customer)
    {
        var values = new string[s_fields.Length];
        values[(int)ImportField.Name] = customer.DisplayName;
        values[(int)ImportField.Phone] = string.Join(';', customer.Phones.Select(p => p.E164 ?? p.Raw));
        values[(int)ImportField.Email] = string.Join(';', customer.Emails.Select(e => e.Normalized ?? e.Raw));
        values[(int)ImportField.Address] = string.Join(';', customer.Addresses.Select(a => a.Original).Where(o => !string.IsNullOrEmpty(o)));
        values[(int)ImportField.Company] = customer.Attributes.TryGetValue(CustomerImporter.CompanyAttribute, out var company) ? company : string.Empty;
        values[(int)ImportField.Owner] = customer.OwnerId ?? string.Empty;
        values[(int)ImportField.Tags] = string.Join(';', customer.Tags);
        values[(int)ImportField.ExternalId] = customer.Attributes.TryGetValue(CustomerImporter.ExternalIdAttribute, out var externalId) ? externalId : customer.Id.ToString();
        values[(int)ImportField.Notes] = customer.Notes ?? string.Empty;
        return values;
    }

    private static string ToJsonLine(string[] headers, string[] values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < headers.Length; i++)
            {
                json.WriteString(headers[i], values[i]);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
