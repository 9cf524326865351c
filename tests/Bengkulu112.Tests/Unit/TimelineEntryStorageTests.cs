using Bengkulu112.Common;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

/// <summary>Timeline entries stored before accounts existed have no display name and still read.</summary>
public sealed class TimelineEntryStorageTests
{
    [Fact]
    public void An_entry_written_without_actor_name_reads_with_null()
    {
        const string stored = """
            {"at":"2026-11-28T21:40:11+00:00","actor":"local-calltaker","kind":"created","from_status":null,"to_status":0,"opd":"damkar","text":null}
            """;
        var entry = StoredJson.Deserialize<TimelineEntry>(stored);
        Assert.Equal("local-calltaker", entry.Actor);
        Assert.Null(entry.ActorName);
    }

    [Fact]
    public void An_entry_with_a_display_name_keeps_it()
    {
        var entry = new TimelineEntry(DateTimeOffset.UtcNow, "siti", TimelineKinds.Note, null, null, null, "Dipantau", "Siti Aminah");
        Assert.Equal("Siti Aminah", StoredJson.Deserialize<TimelineEntry>(StoredJson.Serialize(entry)).ActorName);
    }
}
