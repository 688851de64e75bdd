namespace CustomerCore;

/// <summary>Represents a failure that CustomerCore reports as an exception: misuse, configuration or infrastructure.</summary>
/// <remarks>Every CustomerCore exception derives from this type so hosts can catch them in one place.
/// Bad input data is not an exception: normalizers and services return results instead.</remarks>
public abstract class CustomerCoreException : Exception
{
    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">What went wrong and what is allowed; never customer personal data.</param>
    protected CustomerCoreException(string message) : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and its cause.</summary>
    /// <param name="message">What went wrong and what is allowed; never customer personal data.</param>
    /// <param name="innerException">The underlying cause.</param>
    protected CustomerCoreException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
