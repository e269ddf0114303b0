using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Weft.Host.Tests.Infrastructure;

/// <summary>
/// Everything one test host logs, at every level and from every category (the host's own level settings do not
/// apply to it): each record's message, its structured values and its exception, as text, to search for what must
/// never be logged. Added to a host through <see cref="AddTo"/>.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> records = new();

    public IReadOnlyCollection<string> Records => records;

    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Trace, null)));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            capture.records.Enqueue($"{category} scope: {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.records.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {Values(state)} | {exception}");

        private static string Values<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : state?.ToString() ?? "";
    }
}
