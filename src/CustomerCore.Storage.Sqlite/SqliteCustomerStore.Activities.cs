using CustomerCore.Activities;

namespace CustomerCore.Storage.Sqlite;

/// <summary>The complaint and survey stores: documents beside the columns their queries use (schema version 3).</summary>
public sealed partial class SqliteCustomerStore
{
    /// <inheritdoc/>
    async Task IComplaintStore.UpsertAsync(Complaint complaint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO complaints(id, owner_id, received_at, doc) VALUES ($id, $o, $t, $doc)
            ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, received_at = excluded.received_at, doc = excluded.doc;
            """;
        command.Parameters.AddWithValue("$id", Key(complaint.Id.Value));
        command.Parameters.AddWithValue("$o", complaint.OwnerId);
        command.Parameters.AddWithValue("$t", complaint.ReceivedAt.UtcTicks);
        command.Parameters.AddWithValue("$doc", StorageJson.Serialize(complaint));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    Task<Complaint?> IComplaintStore.FindAsync(ComplaintId id, CancellationToken cancellationToken) =>
        GetDocumentAsync<Complaint>("complaints", id.Value, cancellationToken);

    /// <inheritdoc/>
    async Task<IReadOnlyList<Complaint>> IComplaintStore.ListByOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM complaints WHERE owner_id = $o ORDER BY received_at, id;";
        command.Parameters.AddWithValue("$o", ownerId);
        return await CustomerSql.ReadDocumentsAsync<Complaint>(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    async Task ISurveyStore.AddAsync(SurveyResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO survey_responses(responded_at, doc) VALUES ($t, $doc);";
        command.Parameters.AddWithValue("$t", response.RespondedAt.UtcTicks);
        command.Parameters.AddWithValue("$doc", StorageJson.Serialize(response));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    async Task<IReadOnlyList<SurveyResponse>> ISurveyStore.ListAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM survey_responses WHERE responded_at >= $since AND responded_at < $until ORDER BY responded_at, seq;";
        command.Parameters.AddWithValue("$since", since.UtcTicks);
        command.Parameters.AddWithValue("$until", until.UtcTicks);
        return await CustomerSql.ReadDocumentsAsync<SurveyResponse>(command, cancellationToken).ConfigureAwait(false);
    }
}
