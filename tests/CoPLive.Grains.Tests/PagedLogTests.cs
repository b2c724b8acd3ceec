using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CoPLive.Grains.Tests;

/// <summary>
/// The paged log on the test cluster's grain storage: a new instance over stored pages (as after an activation) finds
/// the last page, counts, reads all, a range and the latest, and appends where the log ended, for logs that end inside
/// a page, exactly at a page's end, and after many pages (last page indexes that are not powers of two, so that the
/// search's halving is needed).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PagedLogTests(ClusterFixture fixture)
{
    private const int PageSize = 10;

    private IGrainStorage Storage => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main);

    private PagedLog<string> Log(string owner) => new(Storage, "paged-log-test", "coplive-paged-log-test", owner, PageSize);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(57)]
    [InlineData(133)]
    [InlineData(250)]
    [InlineData(310)]
    public async Task AStoredLog_IsFoundCountedAndReadWhole_AndGrowsWhereItEnded(int written)
    {
        var owner = Members.NewId("log");
        var writer = Log(owner);
        var expected = Enumerable.Range(0, written).Select(i => $"entry {i}").ToList();
        foreach (var batch in expected.Chunk(7))
        {
            foreach (var entry in batch)
            {
                writer.Add(entry);
            }

            await writer.WriteChangesAsync();
        }

        var reader = Log(owner);
        Assert.Equal(written, await reader.CountAsync());
        Assert.Equal(expected, await reader.ReadAllAsync());
        Assert.Equal(expected.Skip(Math.Max(0, written - 5)), await reader.ReadLatestAsync(5));
        Assert.Equal(expected.Skip(written / 2).Take(PageSize + 3), await Log(owner).ReadRangeAsync(written / 2, PageSize + 3));

        reader.Add("one more");
        await reader.WriteChangesAsync();
        Assert.Equal([.. expected, "one more"], await Log(owner).ReadAllAsync());
    }
}
