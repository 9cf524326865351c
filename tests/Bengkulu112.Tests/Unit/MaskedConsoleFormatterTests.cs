using Bengkulu112.ServiceDefaults.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class MaskedConsoleFormatterTests
{
    [Fact]
    public void Numbers_in_framework_messages_and_exceptions_are_masked_and_ids_kept()
    {
        var exception = new InvalidOperationException("Activation of caller/+6281273451234 failed");
        var text = Write(LogLevel.Error, "Orleans.Runtime.Catalog", 101,
            "Grain caller/+6281273451234 (call 94c98d43-8ba0-8d9f-8931-07afa20b7a84) was slow", exception);

        Assert.DoesNotContain("6281273451234", text);
        Assert.Contains("caller/+628********34", text);
        Assert.Contains("94c98d43-8ba0-8d9f-8931-07afa20b7a84", text);
        Assert.StartsWith("fail: Orleans.Runtime.Catalog[101]" + Environment.NewLine + "      Grain caller/", text);
        Assert.Contains("      System.InvalidOperationException: Activation of caller/+628********34 failed", text);
    }

    [Fact]
    public void An_entry_without_message_or_exception_writes_nothing()
    {
        Assert.Equal("", Write(LogLevel.Information, "Any", 0, "", null));
    }

    private static string Write(LogLevel level, string category, int eventId, string message, Exception? exception)
    {
        var writer = new StringWriter();
        var entry = new LogEntry<string>(level, category, new EventId(eventId), message, exception, (m, _) => m);
        new MaskedConsoleFormatter().Write(entry, null, writer);
        return writer.ToString();
    }
}
