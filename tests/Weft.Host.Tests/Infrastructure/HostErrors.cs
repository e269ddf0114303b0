using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// What the test hosts of this process logged at error level, so that a test that got a 500 can say why: the answer
/// itself only says an error was logged. Hosts of tests running side by side share it; each entry names its database.
/// </summary>
public static class HostErrors
{
    private const int Kept = 20;
    private static readonly ConcurrentQueue<(DateTime At, string Text)> entries = new();

    /// <summary>The errors logged in the last <paramref name="within"/>, oldest first, one per paragraph.</summary>
    public static string Recent(TimeSpan within)
    {
        var since = DateTime.UtcNow - within;
        var recent = entries.Where(e => e.At >= since).Select(e => e.Text).ToList();
        return recent.Count == 0 ? "(no host logged an error)" : string.Join("\n\n", recent);
    }

    internal static ILoggerProvider Provider(string database) => new ErrorLoggerProvider(database);

    private static void Add(string text)
    {
        entries.Enqueue((DateTime.UtcNow, text));
        while (entries.Count > Kept && entries.TryDequeue(out _))
        {
        }
    }

    private sealed class ErrorLoggerProvider(string database) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ErrorLogger(database, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class ErrorLogger(string database, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Add($"[{database}] {category}: {formatter(state, exception)}\n{exception}");
        }
    }
}
