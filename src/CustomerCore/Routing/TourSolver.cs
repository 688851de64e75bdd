namespace CustomerCore.Routing;

/// <summary>Finds short closed tours over a full distance matrix: exact DP for small n, else iterated local search.</summary>
/// <remarks>
/// Construction is nearest neighbour; improvement is 2-opt and Or-opt (segments of 1-3, both orientations) over
/// k-nearest neighbour lists with don't-look bits, inside an iterated local search whose kick is a segment-local
/// double bridge. Per local-search pass the cost is O(n·k) move evaluations plus O(n) per applied 2-opt reversal;
/// memory is the n×n matrix plus O(n·k). Deterministic for a seed when the iteration cap, not the clock, ends the search.
/// </remarks>
internal sealed class TourSolver
{
    private const int Neighbours = 10;
    private readonly double[] _d;
    private readonly int _n;
    private readonly int[][] _near;

    public TourSolver(double[] matrix, int n)
    {
        _d = matrix;
        _n = n;
        _near = BuildNeighbours();
    }

    public static double Length(ReadOnlySpan<int> tour, double[] d, int n)
    {
        var total = 0.0;
        for (var i = 0; i < tour.Length; i++)
        {
            total += d[(tour[i] * n) + tour[(i + 1) % tour.Length]];
        }

        return total;
    }

    public int[] Solve(int seed, TimeSpan budget, int maxIterations, CancellationToken cancellationToken)
    {
        if (_n <= 3)
        {
            return [.. Enumerable.Range(0, _n)];
        }

        if (_n <= 12)
        {
            return HeldKarp();
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var random = new Random(seed);
        var tour = NearestNeighbour();
        var pos = new int[_n];
        var dontLook = new bool[_n];
        Index(tour, pos);
        LocalSearch(tour, pos, dontLook, null);
        var best = (int[])tour.Clone();
        var bestLength = Length(best, _d, _n);
        var touched = new List<int>(16);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if ((iteration & 15) == 0 && (System.Diagnostics.Stopwatch.GetElapsedTime(started) > budget || cancellationToken.IsCancellationRequested))
            {
                break;
            }

            Array.Copy(best, tour, _n);
            Index(tour, pos);
            touched.Clear();
            Kick(tour, random, touched);
            Index(tour, pos);
            LocalSearch(tour, pos, dontLook, touched);
            var length = Length(tour, _d, _n);
            if (length < bestLength - 1e-9)
            {
                bestLength = length;
                Array.Copy(tour, best, _n);
            }
        }

        return best;
    }

    private int[][] BuildNeighbours()
    {
        var k = Math.Min(Neighbours, _n - 1);
        var near = new int[_n][];
        var order = new int[_n];
        var keys = new double[_n];
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j < _n; j++)
            {
                order[j] = j;
                keys[j] = j == i ? double.MaxValue : _d[(i * _n) + j];
            }

            Array.Sort(keys, order);
            near[i] = order[..k];
        }

        return near;
    }

    private int[] NearestNeighbour()
    {
        var tour = new int[_n];
        var used = new bool[_n];
        used[0] = true;
        for (var i = 1; i < _n; i++)
        {
            var last = tour[i - 1];
            var best = -1;
            var bestD = double.MaxValue;
            foreach (var c in _near[last])
            {
                if (!used[c] && _d[(last * _n) + c] < bestD)
                {
                    best = c;
                    bestD = _d[(last * _n) + c];
                }
            }

            if (best < 0)
            {
                for (var c = 0; c < _n; c++)
                {
                    if (!used[c] && _d[(last * _n) + c] < bestD)
                    {
                        best = c;
                        bestD = _d[(last * _n) + c];
                    }
                }
            }

            tour[i] = best;
            used[best] = true;
        }

        return tour;
    }

    private void Kick(int[] tour, Random random, List<int> touched)
    {
        // Segment-local double bridge: cut four edges within a window so the kick stays cheap to repair.
        var window = Math.Min(_n, 50);
        var start = random.Next(_n);
        Span<int> cuts = stackalloc int[3];
        for (var i = 0; i < 3; i++)
        {
            cuts[i] = 1 + random.Next(window - 2);
        }

        cuts.Sort();
        if (cuts[0] == cuts[1] || cuts[1] == cuts[2])
        {
            return;
        }

        var rotated = new int[window];
        for (var i = 0; i < window; i++)
        {
            rotated[i] = tour[(start + i) % _n];
        }

        // A B C D -> A C B D inside the window.
        var a = rotated.AsSpan(0, cuts[0]);
        var b = rotated.AsSpan(cuts[0], cuts[1] - cuts[0]);
        var c = rotated.AsSpan(cuts[1], cuts[2] - cuts[1]);
        var result = new int[window];
        var w = 0;
        a.CopyTo(result.AsSpan(w));
        w += a.Length;
        c.CopyTo(result.AsSpan(w));
        w += c.Length;
        b.CopyTo(result.AsSpan(w));
        w += b.Length;
        rotated.AsSpan(cuts[2]).CopyTo(result.AsSpan(w));
        for (var i = 0; i < window; i++)
        {
            tour[(start + i) % _n] = result[i];
        }

        touched.Add(result[0]);
        touched.Add(result[cuts[0] - 1]);
        touched.Add(result[cuts[0]]);
        touched.Add(result[Math.Min(window - 1, cuts[0] + c.Length - 1)]);
        touched.Add(result[Math.Min(window - 1, cuts[0] + c.Length)]);
        touched.Add(result[Math.Min(window - 1, cuts[2] - 1)]);
        touched.Add(result[Math.Min(window - 1, cuts[2])]);
        touched.Add(result[window - 1]);
    }

    private static void Index(int[] tour, int[] pos)
    {
        for (var i = 0; i < tour.Length; i++)
        {
            pos[tour[i]] = i;
        }
    }

    private void LocalSearch(int[] tour, int[] pos, bool[] dontLook, List<int>? touched)
    {
        var queue = new Queue<int>();
        if (touched is null)
        {
            Array.Fill(dontLook, false);
            for (var i = 0; i < _n; i++)
            {
                queue.Enqueue(tour[i]);
            }
        }
        else
        {
            Array.Fill(dontLook, true);
            foreach (var t in touched)
            {
                Wake(t, dontLook, queue, tour, pos);
            }
        }

        while (queue.Count > 0)
        {
            var city = queue.Dequeue();
            dontLook[city] = true;
            if (TwoOpt(city, tour, pos, dontLook, queue) || OrOpt(city, tour, pos, dontLook, queue))
            {
                Wake(city, dontLook, queue, tour, pos);
            }
        }
    }

    private void Wake(int city, bool[] dontLook, Queue<int> queue, int[] tour, int[] pos)
    {
        var p = pos[city];
        ReadOnlySpan<int> around = [city, tour[(p + 1) % _n], tour[(p + _n - 1) % _n]];
        foreach (var c in around)
        {
            if (dontLook[c])
            {
                dontLook[c] = false;
                queue.Enqueue(c);
            }
        }
    }

    private double D(int a, int b) => _d[(a * _n) + b];

    private int Next(int[] tour, int[] pos, int c) => tour[(pos[c] + 1) % _n];

    private int Prev(int[] tour, int[] pos, int c) => tour[(pos[c] + _n - 1) % _n];

    private bool TwoOpt(int a, int[] tour, int[] pos, bool[] dontLook, Queue<int> queue)
    {
        // Try both tour directions: edge (a, succ a) replaced by (a, c) and (succ a, succ c); likewise with predecessors.
        for (var direction = 0; direction < 2; direction++)
        {
            var b = direction == 0 ? Next(tour, pos, a) : Prev(tour, pos, a);
            var dab = D(a, b);
            foreach (var c in _near[a])
            {
                var dac = D(a, c);
                if (dac >= dab)
                {
                    break;
                }

                var d = direction == 0 ? Next(tour, pos, c) : Prev(tour, pos, c);
                if (c == b || d == a)
                {
                    continue;
                }

                var gain = dab + D(c, d) - dac - D(b, d);
                if (gain > 1e-9)
                {
                    if (direction == 0)
                    {
                        Reverse(tour, pos, b, c);
                    }
                    else
                    {
                        Reverse(tour, pos, c, b);
                    }

                    foreach (var x in (ReadOnlySpan<int>)[a, b, c, d])
                    {
                        if (dontLook[x])
                        {
                            dontLook[x] = false;
                            queue.Enqueue(x);
                        }
                    }

                    return true;
                }
            }
        }

        return false;
    }

    private bool OrOpt(int first, int[] tour, int[] pos, bool[] dontLook, Queue<int> queue)
    {
        // Move the segment first..last (1-3 cities, forward) between two neighbours c and its successor, either orientation.
        for (var len = 1; len <= 3 && len < _n - 2; len++)
        {
            var pf = pos[first];
            var last = tour[(pf + len - 1) % _n];
            var prev = tour[(pf + _n - 1) % _n];
            var next = tour[(pf + len) % _n];
            var removeGain = D(prev, first) + D(last, next) - D(prev, next);
            if (removeGain <= 1e-9)
            {
                continue;
            }

            foreach (var end in (ReadOnlySpan<int>)[first, last])
            {
                foreach (var c in _near[end])
                {
                    if (InSegment(pos[c], pf, len))
                    {
                        continue;
                    }

                    var cNext = Next(tour, pos, c);
                    var cPrev = Prev(tour, pos, c);
                    foreach (var (x, y) in (ReadOnlySpan<(int, int)>)[(c, cNext), (cPrev, c)])
                    {
                        if (InSegment(pos[x], pf, len) || InSegment(pos[y], pf, len) || (x == prev && y == next))
                        {
                            continue;
                        }

                        var forward = D(x, first) + D(last, y) - D(x, y);
                        var backward = D(x, last) + D(first, y) - D(x, y);
                        var insertCost = Math.Min(forward, backward);
                        if (removeGain - insertCost > 1e-9)
                        {
                            MoveSegment(tour, pos, pf, len, x, reversed: backward < forward);
                            foreach (var w in (ReadOnlySpan<int>)[first, last, prev, next, x, y])
                            {
                                if (dontLook[w])
                                {
                                    dontLook[w] = false;
                                    queue.Enqueue(w);
                                }
                            }

                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private bool InSegment(int p, int start, int len) => ((p - start + _n) % _n) < len;

    private void MoveSegment(int[] tour, int[] pos, int start, int len, int after, bool reversed)
    {
        Span<int> segment = stackalloc int[len];
        for (var i = 0; i < len; i++)
        {
            segment[i] = tour[(start + i) % _n];
        }

        if (reversed)
        {
            segment.Reverse();
        }

        // Rebuild the tour without the segment, then insert it after 'after'. O(n), fine next to the O(n) reversal cost.
        var rest = new int[_n - len];
        var r = 0;
        for (var i = 0; i < _n - len; i++)
        {
            rest[r++] = tour[(start + len + i) % _n];
        }

        var w = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            tour[w++] = rest[i];
            if (rest[i] == after)
            {
                foreach (var s in segment)
                {
                    tour[w++] = s;
                }
            }
        }

        Index(tour, pos);
    }

    private void Reverse(int[] tour, int[] pos, int from, int to)
    {
        // Reverse the path from..to (in tour order); reverse the shorter side of the cycle, which is equivalent.
        var i = pos[from];
        var j = pos[to];
        var inside = ((j - i + _n) % _n) + 1;
        if (inside * 2 > _n)
        {
            (i, j) = ((j + 1) % _n, (i + _n - 1) % _n);
            inside = _n - inside;
        }

        for (var k = 0; k < inside / 2; k++)
        {
            var a = tour[i];
            var b = tour[j];
            tour[i] = b;
            pos[b] = i;
            tour[j] = a;
            pos[a] = j;
            i = (i + 1) % _n;
            j = (j + _n - 1) % _n;
        }
    }

    private int[] HeldKarp()
    {
        // Exact dynamic programme over subsets containing city 0: O(2^n · n^2) time, fine for n ≤ 12.
        var full = 1 << _n;
        var cost = new double[full * _n];
        var parent = new int[full * _n];
        Array.Fill(cost, double.MaxValue);
        cost[(1 * _n) + 0] = 0;
        for (var set = 1; set < full; set += 2)
        {
            for (var last = 0; last < _n; last++)
            {
                var c = cost[(set * _n) + last];
                if (c == double.MaxValue || (set & (1 << last)) == 0)
                {
                    continue;
                }

                for (var next = 1; next < _n; next++)
                {
                    if ((set & (1 << next)) != 0)
                    {
                        continue;
                    }

                    var s2 = set | (1 << next);
                    var c2 = c + D(last, next);
                    if (c2 < cost[(s2 * _n) + next])
                    {
                        cost[(s2 * _n) + next] = c2;
                        parent[(s2 * _n) + next] = last;
                    }
                }
            }
        }

        var all = full - 1;
        var bestLast = 1;
        var best = double.MaxValue;
        for (var last = 1; last < _n; last++)
        {
            var c = cost[(all * _n) + last] + D(last, 0);
            if (c < best)
            {
                best = c;
                bestLast = last;
            }
        }

        var tour = new int[_n];
        var s = all;
        var cur = bestLast;
        for (var i = _n - 1; i > 0; i--)
        {
            tour[i] = cur;
            var p = parent[(s * _n) + cur];
            s &= ~(1 << cur);
            cur = p;
        }

        return tour;
    }
}
