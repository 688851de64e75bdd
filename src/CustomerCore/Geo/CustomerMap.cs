using CustomerCore.Customers;
using CustomerCore.Storage;

namespace CustomerCore.Geo;

/// <summary>Answers map questions over stored customers: who is near a point, who is inside a territory.</summary>
public interface ICustomerMap
{
    /// <summary>Finds the customers with an address location within a radius, nearest first.</summary>
    /// <param name="caller">Who asks; only customers the caller may see are returned.</param>
    /// <param name="centre">The centre.</param>
    /// <param name="radiusMetres">The radius in metres; must be positive.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The customers with their nearest address's distance.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The radius is not positive.</exception>
    Task<IReadOnlyList<(Customer Customer, double DistanceMetres)>> NearbyAsync(CallerContext caller, GeoPoint centre, double radiusMetres, CancellationToken cancellationToken = default);

    /// <summary>Finds the customers with an address location inside a territory.</summary>
    /// <param name="caller">Who asks; only customers the caller may see are returned.</param>
    /// <param name="territory">The territory.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The customers, in id order.</returns>
    Task<IReadOnlyList<Customer>> WithinTerritoryAsync(CallerContext caller, Territory territory, CancellationToken cancellationToken = default);
}

/// <summary>Answers map questions with the store's bounding-box index, refined exactly.</summary>
/// <remarks>Goes through <see cref="ICustomerService"/>, so access rules apply; the store answers the box from its
/// spatial index (R*Tree, GiST), never by scanning every customer.</remarks>
internal sealed class CustomerMap(ICustomerService customers) : ICustomerMap
{
    public async Task<IReadOnlyList<(Customer Customer, double DistanceMetres)>> NearbyAsync(CallerContext caller, GeoPoint centre, double radiusMetres, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var box = GeoBoundingBox.Around(centre, radiusMetres);
        var found = new List<(Customer, double)>();
        await foreach (var c in InBoxAsync(caller, box, cancellationToken).ConfigureAwait(false))
        {
            var best = double.MaxValue;
            foreach (var a in c.Addresses)
            {
                if (a.Location is { } p)
                {
                    best = Math.Min(best, centre.DistanceMetresTo(p));
                }
            }

            if (best <= radiusMetres)
            {
                found.Add((c, best));
            }
        }

        found.Sort(static (a, b) => a.Item2.CompareTo(b.Item2));
        return found;
    }

    public async Task<IReadOnlyList<Customer>> WithinTerritoryAsync(CallerContext caller, Territory territory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(territory);
        var found = new List<Customer>();
        await foreach (var c in InBoxAsync(caller, territory.Bounds, cancellationToken).ConfigureAwait(false))
        {
            if (c.Addresses.Any(a => a.Location is { } p && territory.Contains(p)))
            {
                found.Add(c);
            }
        }

        return found;
    }

    private async IAsyncEnumerable<Customer> InBoxAsync(CallerContext caller, GeoBoundingBox box, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new CustomerQuery { Within = box, Page = new PageRequest(1000) };
        while (true)
        {
            var page = await customers.SearchAsync(caller, query, cancellationToken).ConfigureAwait(false);
            foreach (var c in page.Items)
            {
                yield return c;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { Page = query.Page with { ContinuationToken = page.ContinuationToken } };
        }
    }
}
