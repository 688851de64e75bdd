namespace CustomerCore.Storage;

/// <summary>Asks for one page of results.</summary>
/// <param name="PageSize">How many items at most, from 1 to <see cref="MaxPageSize"/>.</param>
/// <param name="ContinuationToken">The token of the previous page, or <see langword="null"/> for the first page.</param>
public readonly record struct PageRequest(int PageSize = PageRequest.DefaultPageSize, string? ContinuationToken = null)
{
    /// <summary>Initializes a request for the first page with the default page size.</summary>
    public PageRequest()
        : this(DefaultPageSize)
    {
    }

    /// <summary>The page size used when none is given.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page size a store returns.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Throws when the page size is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The page size is not between 1 and <see cref="MaxPageSize"/>.</exception>
    public void Validate()
    {
        if (PageSize is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"PageSize must be between 1 and {MaxPageSize}.");
        }
    }
}

/// <summary>Holds one page of results and the token for the next.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page, in the store's stable order.</param>
/// <param name="ContinuationToken">An opaque token for the next page, or <see langword="null"/> when this is the last page.</param>
/// <remarks>Paging is keyset-based: items added or removed while paging never make another item appear twice or be skipped.</remarks>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
