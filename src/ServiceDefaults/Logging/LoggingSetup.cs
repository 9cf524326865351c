using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bengkulu112.ServiceDefaults.Logging;

public static class LoggingSetup
{
    /// <summary>The console log through <see cref="MaskedConsoleFormatter"/> (silos and API nodes).</summary>
    public static ILoggingBuilder AddBengkulu112Console(this ILoggingBuilder logging)
    {
        logging.AddConsole(o => o.FormatterName = MaskedConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<MaskedConsoleFormatter, ConsoleFormatterOptions>();
        return logging;
    }
}
