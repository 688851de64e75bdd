using CustomerCore.Customers;

namespace CustomerCore.Activities;

/// <summary>Finds records due for periodic verification and splits reminders into overdue and due.</summary>
/// <remarks>Pure and thread-safe; O(n) over the inputs. Hosts fetch the inputs through the customer service
/// (<c>StreamAsync</c>, <c>GetTimelineAsync</c>, <c>GetDueRemindersAsync</c>).</remarks>
public static class FollowUps
{
    /// <summary>Returns the customers neither verified nor contacted within a number of days.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="lastContactAt">The time of each customer's latest interaction, when known.</param>
    /// <param name="asOf">The time to judge at.</param>
    /// <param name="days">The number of days without verification or contact after which a record is stale.</param>
    /// <returns>The ids of the stale customers, in input order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public static IReadOnlyList<CustomerId> FindStale(ReadOnlySpan<Customer> customers, IReadOnlyDictionary<CustomerId, DateTimeOffset> lastContactAt, DateTimeOffset asOf, int days)
    {
        ArgumentNullException.ThrowIfNull(lastContactAt);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var cutoff = asOf - TimeSpan.FromDays(days);
        List<CustomerId> stale = [];
        foreach (var customer in customers)
        {
            ArgumentNullException.ThrowIfNull(customer, nameof(customers));
            var latest = customer.VerifiedAt ?? customer.CreatedAt;
            if (lastContactAt.TryGetValue(customer.Id, out var contact) && contact > latest)
            {
                latest = contact;
            }

            if (latest < cutoff)
            {
                stale.Add(customer.Id);
            }
        }

        return stale;
    }

    /// <summary>Splits open reminders into overdue ones and ones due within a window.</summary>
    /// <param name="reminders">The reminders, e.g. one owner's page from <c>GetDueRemindersAsync</c>.</param>
    /// <param name="asOf">The time to judge at.</param>
    /// <param name="window">How far ahead counts as due.</param>
    /// <returns>The overdue (due before <paramref name="asOf"/>) and due (within the window) reminders, each earliest first; done reminders are left out.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public static (IReadOnlyList<Reminder> Overdue, IReadOnlyList<Reminder> Due) SplitReminders(ReadOnlySpan<Reminder> reminders, DateTimeOffset asOf, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.Zero);
        List<Reminder> overdue = [];
        List<Reminder> due = [];
        foreach (var reminder in reminders)
        {
            if (reminder is null || reminder.IsDone)
            {
                continue;
            }

            if (reminder.DueAt < asOf)
            {
                overdue.Add(reminder);
            }
            else if (reminder.DueAt < asOf + window)
            {
                due.Add(reminder);
            }
        }

        overdue.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        due.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        return (overdue, due);
    }
}
