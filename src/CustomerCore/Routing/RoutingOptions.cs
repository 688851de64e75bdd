using Microsoft.Extensions.Options;

namespace CustomerCore.Routing;

/// <summary>Configures route planning.</summary>
public sealed class RoutingOptions
{
    /// <summary>Gets or sets the average travel speed the great-circle provider assumes.</summary>
    /// <value>Kilometres per hour, above 0 and at most 200; the default is 25 (city driving, as the crow flies).</value>
    public double SpeedKmh { get; set; } = 25;
}

/// <summary>Reports every problem of <see cref="RoutingOptions"/> at once.</summary>
internal sealed class RoutingOptionsValidator : IValidateOptions<RoutingOptions>
{
    public ValidateOptionsResult Validate(string? name, RoutingOptions options) =>
        options.SpeedKmh is > 0 and <= 200 && double.IsFinite(options.SpeedKmh)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("SpeedKmh must be above 0 and at most 200.");
}

/// <summary>Computes great-circle (haversine) distances and times at a constant speed: the offline default.</summary>
internal sealed class GreatCircleDistanceProvider(IOptions<RoutingOptions> options) : IDistanceMatrixProvider
{
    public Task<DistanceMatrix> GetMatrixAsync(IReadOnlyList<CustomerCore.Customers.GeoPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var metres = new double[n * n];
        var seconds = new double[n * n];
        var metresPerSecond = options.Value.SpeedKmh / 3.6;
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var j = i + 1; j < n; j++)
            {
                var m = points[i].DistanceMetresTo(points[j]);
                metres[(i * n) + j] = metres[(j * n) + i] = m;
                seconds[(i * n) + j] = seconds[(j * n) + i] = m / metresPerSecond;
            }
        }

        return Task.FromResult(new DistanceMatrix(n, metres, seconds));
    }
}
