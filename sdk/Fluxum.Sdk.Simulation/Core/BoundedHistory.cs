namespace Fluxum.Sdk.Simulation;

/// <summary>
/// A simulator's growing record (an account ledger, a trade history), held oldest first and bounded: it keeps
/// at least the newest <see cref="Capacity"/> items however long the simulator runs, forgetting the oldest in
/// batches (a quarter of the capacity at a time), so an append costs O(1) on average. Not thread-safe: the
/// owner locks around it.
/// </summary>
/// <typeparam name="T">The item.</typeparam>
public sealed class BoundedHistory<T>
{
    private readonly List<T> _items = [];

    /// <summary>Creates a history keeping the newest <paramref name="capacity"/> items.</summary>
    public BoundedHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The newest items always kept.</summary>
    public int Capacity { get; }

    /// <summary>Items held: at most <see cref="Capacity"/> plus a trimming batch.</summary>
    public int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>, 0 the oldest held.</summary>
    public T this[int index] => _items[index];

    /// <summary>Appends <paramref name="item"/> as the newest, forgetting the oldest past the bound.</summary>
    public void Add(T item)
    {
        _items.Add(item);
        if (_items.Count > Capacity + (Capacity / 4))
        {
            _items.RemoveRange(0, _items.Count - Capacity);
        }
    }

    /// <summary>The newest item matching <paramref name="match"/>, or the default when none does.</summary>
    public T? FindLast(Predicate<T> match) => _items.FindLast(match);
}
