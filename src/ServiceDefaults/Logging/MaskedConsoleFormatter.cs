using Bengkulu112.Callers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Bengkulu112.ServiceDefaults.Logging;

/// <summary>
/// The console log of silos and API nodes, one entry as `level: category[event id]` and the message indented below
/// (the layout of .NET's simple console), with every phone-number-shaped run masked, in the message and the exception
/// alike. Our own log lines mask numbers already; Orleans' and ASP.NET Core's name grains and paths keyed by numbers
/// (`caller/+628…`), and phone numbers are personal data (SPEC.md §3).
/// </summary>
public sealed class MaskedConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "bengkulu112-masked";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.WriteLine(']');
        if (!string.IsNullOrEmpty(message))
            WriteIndented(textWriter, PhoneNumberMask.MaskIn(message));
        if (logEntry.Exception is { } exception)
            WriteIndented(textWriter, PhoneNumberMask.MaskIn(exception.ToString()));
    }

    private static void WriteIndented(TextWriter writer, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            writer.Write("      ");
            writer.WriteLine(line.TrimEnd('\r'));
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
