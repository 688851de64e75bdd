using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Tests.Import;

/// <summary>Passes every call to the real service; tests override the calls they count or fail. Being a plain
/// <see cref="ICustomerService"/>, it hides the service's internal fast path, as a decorator without it would.</summary>
internal abstract class ForwardingCustomerService(ICustomerService inner) : ICustomerService
{
    public virtual Task<Page<Customer>> SearchAsync(CallerContext caller, CustomerQuery query, CancellationToken cancellationToken = default) => inner.SearchAsync(caller, query, cancellationToken);

    public virtual Task<CustomerSaveResult> CreateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default) => inner.CreateAsync(caller, customer, cancellationToken);

    public virtual Task<IReadOnlyList<CustomerSaveResult>> CreateManyAsync(CallerContext caller, IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default) => inner.CreateManyAsync(caller, customers, cancellationToken);

    public virtual Task<CustomerSaveResult> UpdateAsync(CallerContext caller, Customer customer, CancellationToken cancellationToken = default) => inner.UpdateAsync(caller, customer, cancellationToken);

    public virtual Task<Customer?> GetAsync(CallerContext caller, CustomerId id, CancellationToken cancellationToken = default) => inner.GetAsync(caller, id, cancellationToken);

    public virtual IAsyncEnumerable<Customer> StreamAsync(CallerContext caller, CancellationToken cancellationToken = default) => inner.StreamAsync(caller, cancellationToken);

    public virtual Task<bool> DeleteAsync(CallerContext caller, CustomerId id, long expectedVersion, CancellationToken cancellationToken = default) => inner.DeleteAsync(caller, id, expectedVersion, cancellationToken);

    public virtual Task<Interaction> RecordInteractionAsync(CallerContext caller, Interaction interaction, CancellationToken cancellationToken = default) => inner.RecordInteractionAsync(caller, interaction, cancellationToken);

    public virtual Task<Page<Interaction>> GetTimelineAsync(CallerContext caller, CustomerId customerId, PageRequest page, CancellationToken cancellationToken = default) => inner.GetTimelineAsync(caller, customerId, page, cancellationToken);

    public virtual Task<Reminder> ScheduleReminderAsync(CallerContext caller, Reminder reminder, CancellationToken cancellationToken = default) => inner.ScheduleReminderAsync(caller, reminder, cancellationToken);

    public virtual Task<Reminder> CompleteReminderAsync(CallerContext caller, ReminderId id, CancellationToken cancellationToken = default) => inner.CompleteReminderAsync(caller, id, cancellationToken);

    public virtual Task<Page<Reminder>> GetDueRemindersAsync(CallerContext caller, string? assigneeId, DateTimeOffset dueBefore, PageRequest page, CancellationToken cancellationToken = default) => inner.GetDueRemindersAsync(caller, assigneeId, dueBefore, page, cancellationToken);

    public virtual Task<int> RecordTransactionsAsync(CallerContext caller, IReadOnlyList<CustomerTransaction> transactions, CancellationToken cancellationToken = default) => inner.RecordTransactionsAsync(caller, transactions, cancellationToken);
}
