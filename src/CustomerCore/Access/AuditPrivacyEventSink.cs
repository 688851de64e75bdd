using CustomerCore.Privacy;

namespace CustomerCore.Access;

/// <summary>Writes data-subject exports and erasures to the audit log, so the trail keeps that they happened.</summary>
internal sealed class AuditPrivacyEventSink(IAuditLog audit) : IPrivacyEventSink
{
    public Task PublishAsync(PrivacyEvent privacyEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(privacyEvent);
        var (action, operation) = privacyEvent.Kind == PrivacyEventKind.Erased ? (AuditAction.Erase, "privacy.erase") : (AuditAction.Export, "privacy.export");
        return audit.AppendAsync(privacyEvent.UserId, action, operation, [privacyEvent.CustomerId], [], cancellationToken);
    }
}
