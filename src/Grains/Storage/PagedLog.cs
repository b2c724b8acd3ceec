using Orleans.Storage;

namespace CoPLive;

/// <summary>
/// An append-only log of one grain in pages of <paramref name="pageSize"/> entries, each page its own row under
/// <paramref name="stateName"/> with the synthetic grain id <c>{pageGrainType}/{ownerId}+{page}</c>: an entry rewrites
/// the last page only. Only the last page stays in memory; it is found on the first append or read after an
/// activation (a search over the pages, <see cref="FindLastPageAsync"/>), and the full pages are read only to list
/// the log. The page size is part of the storage layout: the last page is the first that is not full.
/// </summary>
public sealed class PagedLog<T>(IGrainStorage storage, string stateName, string pageGrainType, string ownerId, int pageSize)
{
    private readonly List<T> _unwritten = [];
    private GrainState<LogPageState<T>>? _last;
    private int _lastIndex;
    private List<T>? _beforeLast;

    /// <summary>An entry for the next <see cref="WriteChangesAsync"/>.</summary>
    public void Add(T entry) => _unwritten.Add(entry);

    /// <summary>Whether the log holds no written entry (reads it if this activation has not).</summary>
    public async Task<bool> IsEmptyAsync()
    {
        await FindLastPageAsync();
        return _lastIndex == 0 && LastEntries.Count == 0;
    }

    /// <summary>Appends the unwritten entries to the last page, starting new pages as pages fill.</summary>
    public async Task WriteChangesAsync()
    {
        if (_unwritten.Count == 0)
        {
            return;
        }

        await FindLastPageAsync();
        while (_unwritten.Count > 0)
        {
            if (LastEntries.Count == pageSize)
            {
                _beforeLast = LastEntries;
                _last = NewPage();
                _lastIndex++;
            }

            var room = pageSize - LastEntries.Count;
            var taken = _unwritten.Take(room).ToList();
            LastEntries.AddRange(taken);
            try
            {
                await storage.WriteStateAsync(stateName, PageId(_lastIndex), _last!);
            }
            catch
            {
                LastEntries.RemoveRange(LastEntries.Count - taken.Count, taken.Count);
                throw;
            }

            _unwritten.RemoveRange(0, taken.Count);
        }
    }

    /// <summary>Every written entry, oldest first.</summary>
    public Task<List<T>> ReadAllAsync() => ReadRangeAsync(0, int.MaxValue);

    /// <summary>How many entries are written (reads the pages up to the last if this activation has not).</summary>
    public async Task<int> CountAsync()
    {
        await FindLastPageAsync();
        return (_lastIndex * pageSize) + LastEntries.Count;
    }

    /// <summary>
    /// The written entries from the <paramref name="start"/>th (0 is the oldest), at most <paramref name="count"/>,
    /// oldest first: only the pages that hold them are read.
    /// </summary>
    public async Task<List<T>> ReadRangeAsync(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = Math.Min(start + (long)count, await CountAsync());
        List<T> entries = [];
        for (var index = start / pageSize; (long)index * pageSize < end; index++)
        {
            var page = index == _lastIndex ? LastEntries : Entries(await ReadPageAsync(index));
            var from = Math.Max(0, start - (index * pageSize));
            var to = (int)Math.Min(page.Count, end - ((long)index * pageSize));
            entries.AddRange(page.Skip(from).Take(to - from));
        }

        return entries;
    }

    /// <summary>The latest written entries, at most <paramref name="count"/> (no more than a page), oldest first.</summary>
    public async Task<List<T>> ReadLatestAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pageSize);
        await FindLastPageAsync();
        if (LastEntries.Count >= count || _lastIndex == 0)
        {
            return [.. LastEntries.TakeLast(count)];
        }

        _beforeLast ??= Entries(await ReadPageAsync(_lastIndex - 1));
        return [.. _beforeLast.TakeLast(count - LastEntries.Count), .. LastEntries];
    }

    /// <summary>
    /// Finds the last page, once per activation: every page before it is full and none follows it, so the first page
    /// that is not full (or not there) is found by doubling and then halving, in about 2 log2(pages) reads.
    /// </summary>
    private async Task FindLastPageAsync()
    {
        if (_last is not null)
        {
            return;
        }

        var (full, notFull) = (-1, 0);
        var candidate = await ReadPageAsync(0);
        while (IsFull(candidate))
        {
            full = notFull;
            notFull = Math.Max(1, notFull * 2);
            candidate = await ReadPageAsync(notFull);
        }

        while (notFull - full > 1)
        {
            var middle = full + ((notFull - full) / 2);
            var page = await ReadPageAsync(middle);
            if (IsFull(page))
            {
                full = middle;
            }
            else
            {
                (notFull, candidate) = (middle, page);
            }
        }

        (_last, _lastIndex) = (candidate, notFull);
    }

    private bool IsFull(GrainState<LogPageState<T>> page) => Entries(page).Count >= pageSize;

    private async Task<GrainState<LogPageState<T>>> ReadPageAsync(int index)
    {
        var page = NewPage();
        await storage.ReadStateAsync(stateName, PageId(index), page);
        page.State ??= new LogPageState<T>();
        return page;
    }

    private List<T> LastEntries => Entries(_last!);

    private static List<T> Entries(GrainState<LogPageState<T>> page) => page.State!.Entries;

    private static GrainState<LogPageState<T>> NewPage() => new(new LogPageState<T>());

    private GrainId PageId(int index) => GrainId.Create(pageGrainType, $"{ownerId}+{index}");
}
