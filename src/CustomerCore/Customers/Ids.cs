using System.Diagnostics.CodeAnalysis;

namespace CustomerCore.Customers;

/// <summary>Identifies a customer; new ids are time-ordered (UUID version 7).</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct CustomerId(Guid Value)
{
    /// <summary>Creates a new time-ordered id.</summary>
    /// <returns>The new id.</returns>
    public static CustomerId New() => new(Guid.CreateVersion7());

    /// <summary>Parses an id from its text form.</summary>
    /// <param name="text">The GUID text.</param>
    /// <param name="id">The parsed id when successful.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a GUID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out CustomerId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new CustomerId(guid);
        return ok;
    }

    /// <summary>Returns the lower-case GUID text (format D).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies an interaction (call, email, meeting, visit, complaint, note).</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct InteractionId(Guid Value)
{
    /// <summary>Creates a new time-ordered id.</summary>
    /// <returns>The new id.</returns>
    public static InteractionId New() => new(Guid.CreateVersion7());

    /// <summary>Returns the lower-case GUID text (format D).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a follow-up reminder.</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct ReminderId(Guid Value)
{
    /// <summary>Creates a new time-ordered id.</summary>
    /// <returns>The new id.</returns>
    public static ReminderId New() => new(Guid.CreateVersion7());

    /// <summary>Returns the lower-case GUID text (format D).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("D");
}

/// <summary>Identifies a transaction (an order or purchase).</summary>
/// <param name="Value">The underlying GUID.</param>
public readonly record struct TransactionId(Guid Value)
{
    /// <summary>Creates a new time-ordered id.</summary>
    /// <returns>The new id.</returns>
    public static TransactionId New() => new(Guid.CreateVersion7());

    /// <summary>Returns the lower-case GUID text (format D).</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Value.ToString("D");
}
