using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Weft.Testing;

/// <summary>One mail in a <see cref="LocalImapServer"/>'s inbox.</summary>
public sealed class ImapMail(uint uid, byte[] raw)
{
    public uint Uid { get; } = uid;
    public byte[] Raw { get; } = raw;
    public bool Seen { get; internal set; }
}

/// <summary>
/// A real IMAP server on 127.0.0.1 at a free port, with one user and one inbox, speaking as much of RFC 3501 as a
/// client such as MailKit's needs to read mail: CAPABILITY, LOGIN, LIST, SELECT/EXAMINE INBOX, (UID) SEARCH
/// UNSEEN/ALL, (UID) FETCH of UID, FLAGS, RFC822.SIZE, BODY[], BODY.PEEK[] and RFC822, (UID) STORE ±FLAGS of \Seen,
/// NOOP, CLOSE, LOGOUT. A test puts mails in with <see cref="Deliver"/>; <see cref="OnSeen"/> runs when a client marks
/// one seen, before the server answers it.
/// </summary>
public sealed class LocalImapServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly ConcurrentBag<Task> sessions = [];
    private readonly List<ImapMail> inbox = [];
    private readonly Lock gate = new();
    private uint nextUid = 1;

    private LocalImapServer(string user, string password)
    {
        User = user;
        Password = password;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync();
    }

    public int Port { get; }
    public string User { get; }
    public string Password { get; }

    /// <summary>Runs when a client sets \Seen on a mail, before the server confirms it.</summary>
    public Func<ImapMail, Task>? OnSeen { get; set; }

    /// <summary>How many sessions logged in so far.</summary>
    public int Logins { get; private set; }

    public IReadOnlyList<ImapMail> Inbox
    {
        get
        {
            lock (gate) return [.. inbox];
        }
    }

    public static LocalImapServer Start(string user = "support@shop.test", string password = "imap-password-1") => new(user, password);

    /// <summary>Puts a mail in the inbox, unseen.</summary>
    public ImapMail Deliver(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(options, stream);
        lock (gate)
        {
            var mail = new ImapMail(nextUid++, stream.ToArray());
            inbox.Add(mail);
            return mail;
        }
    }

    /// <summary>Marks a mail unseen again (as if a person did in their mail client).</summary>
    public void MarkUnseen(uint uid)
    {
        lock (gate) inbox.Single(m => m.Uid == uid).Seen = false;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped, as asked.
        }
        foreach (var session in sessions)
        {
            try
            {
                await session;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // A client cut off by the stop.
            }
        }
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            sessions.Add(Task.Run(() => SessionAsync(client), stop.Token));
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        var authenticated = false;
        var selected = false;
        await WriteAsync(stream, "* OK [CAPABILITY IMAP4rev1] Weft test IMAP ready\r\n");
        while (!stop.IsCancellationRequested)
        {
            var line = await reader.ReadCommandAsync(stream, stop.Token);
            if (line is null) return;
            var words = Tokenize(line);
            if (words.Count < 2)
            {
                await WriteAsync(stream, "* BAD Missing tag or command\r\n");
                continue;
            }
            var tag = words[0];
            var command = words[1].ToUpperInvariant();
            var args = words.Skip(2).ToList();
            var uid = false;
            if (command == "UID" && args.Count > 0)
            {
                uid = true;
                command = args[0].ToUpperInvariant();
                args = args.Skip(1).ToList();
            }
            switch (command)
            {
                case "CAPABILITY":
                    await WriteAsync(stream, $"* CAPABILITY IMAP4rev1\r\n{tag} OK CAPABILITY completed\r\n");
                    break;
                case "NOOP":
                case "CHECK":
                    await WriteAsync(stream, $"{tag} OK {command} completed\r\n");
                    break;
                case "LOGOUT":
                    await WriteAsync(stream, $"* BYE Weft test IMAP logging out\r\n{tag} OK LOGOUT completed\r\n");
                    return;
                case "LOGIN":
                    if (args.Count == 2 && args[0] == User && args[1] == Password)
                    {
                        authenticated = true;
                        Logins++;
                        await WriteAsync(stream, $"{tag} OK [CAPABILITY IMAP4rev1] LOGIN completed\r\n");
                    }
                    else await WriteAsync(stream, $"{tag} NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
                    break;
                case "LIST":
                case "LSUB":
                    if (!authenticated) goto default;
                    var pattern = args.Count > 1 ? args[1] : "";
                    var lines = pattern.Length == 0
                        ? $"* {command} (\\Noselect) \"/\" \"\"\r\n"
                        : pattern is "*" or "%" || pattern.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? $"* {command} (\\HasNoChildren) \"/\" INBOX\r\n" : "";
                    await WriteAsync(stream, $"{lines}{tag} OK {command} completed\r\n");
                    break;
                case "SELECT":
                case "EXAMINE":
                    if (!authenticated) goto default;
                    if (args.Count == 0 || !args[0].Equals("INBOX", StringComparison.OrdinalIgnoreCase))
                    {
                        await WriteAsync(stream, $"{tag} NO [NONEXISTENT] Only INBOX exists\r\n");
                        break;
                    }
                    selected = true;
                    var mails = Inbox.ToList();
                    var firstUnseen = mails.FindIndex(m => !m.Seen);
                    await WriteAsync(stream, "* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)\r\n"
                        + "* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)] Flags permitted\r\n"
                        + $"* {mails.Count} EXISTS\r\n* 0 RECENT\r\n"
                        + (firstUnseen >= 0 ? $"* OK [UNSEEN {firstUnseen + 1}] First unseen\r\n" : "")
                        + "* OK [UIDVALIDITY 1] UIDs valid\r\n"
                        + $"* OK [UIDNEXT {nextUid}] Predicted next UID\r\n"
                        + $"{tag} OK [{(command == "SELECT" ? "READ-WRITE" : "READ-ONLY")}] {command} completed\r\n");
                    break;
                case "CLOSE":
                    selected = false;
                    await WriteAsync(stream, $"{tag} OK CLOSE completed\r\n");
                    break;
                case "SEARCH" when selected:
                    await SearchAsync(stream, tag, uid, args);
                    break;
                case "FETCH" when selected && args.Count >= 2:
                    await FetchAsync(stream, tag, uid, args[0], string.Join(' ', args.Skip(1)));
                    break;
                case "STORE" when selected && args.Count >= 3:
                    await StoreAsync(stream, tag, uid, args[0], args[1], string.Join(' ', args.Skip(2)));
                    break;
                default:
                    await WriteAsync(stream, $"{tag} BAD {command} is not understood here\r\n");
                    break;
            }
        }
    }

    private async Task SearchAsync(NetworkStream stream, string tag, bool uid, List<string> criteria)
    {
        var mails = Inbox;
        var keys = criteria.Select(c => c.ToUpperInvariant()).Where(c => c != "CHARSET" && c != "US-ASCII" && c != "UTF-8").ToList();
        IEnumerable<(ImapMail Mail, int Sequence)>? found = mails.Select((m, i) => (m, i + 1));
        foreach (var key in keys)
        {
            found = key switch
            {
                "UNSEEN" => found.Where(f => !f.Mail.Seen),
                "SEEN" => found.Where(f => f.Mail.Seen),
                "ALL" => found,
                _ => null,
            };
            if (found is null)
            {
                await WriteAsync(stream, $"{tag} BAD SEARCH {key} is not understood here\r\n");
                return;
            }
        }
        var numbers = found.Select(f => uid ? f.Mail.Uid : (uint)f.Sequence).ToList();
        await WriteAsync(stream, $"* SEARCH{string.Concat(numbers.Select(n => " " + n.ToString(CultureInfo.InvariantCulture)))}\r\n{tag} OK SEARCH completed\r\n");
    }

    private async Task FetchAsync(NetworkStream stream, string tag, bool uid, string set, string items)
    {
        var mails = Inbox;
        var wanted = items.Trim('(', ')').ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (mail, sequence) in Select(mails, set, uid))
        {
            var parts = new List<(string Text, byte[]? Literal)>();
            if (uid || wanted.Contains("UID")) parts.Add(($"UID {mail.Uid}", null));
            foreach (var item in wanted)
            {
                switch (item)
                {
                    case "FLAGS":
                        parts.Add(($"FLAGS ({(mail.Seen ? "\\Seen" : "")})", null));
                        break;
                    case "RFC822.SIZE":
                        parts.Add(($"RFC822.SIZE {mail.Raw.Length}", null));
                        break;
                    case "BODY[]":
                    case "BODY.PEEK[]":
                        parts.Add(($"BODY[] {{{mail.Raw.Length}}}\r\n", mail.Raw));
                        break;
                    case "RFC822":
                        parts.Add(($"RFC822 {{{mail.Raw.Length}}}\r\n", mail.Raw));
                        break;
                }
                // A plain BODY[] or RFC822 fetch reads the mail, as RFC 3501 says.
                if (item is "BODY[]" or "RFC822") await MarkSeenAsync(mail);
            }
            using var buffer = new MemoryStream();
            Append(buffer, $"* {sequence} FETCH (");
            for (var i = 0; i < parts.Count; i++)
            {
                if (i > 0) Append(buffer, " ");
                Append(buffer, parts[i].Text);
                if (parts[i].Literal is { } literal) buffer.Write(literal);
            }
            Append(buffer, ")\r\n");
            await stream.WriteAsync(buffer.ToArray());
        }
        await WriteAsync(stream, $"{tag} OK FETCH completed\r\n");
    }

    private async Task StoreAsync(NetworkStream stream, string tag, bool uid, string set, string action, string flags)
    {
        var mails = Inbox;
        var upper = action.ToUpperInvariant();
        var silent = upper.EndsWith(".SILENT", StringComparison.Ordinal);
        var seen = flags.Contains("\\Seen", StringComparison.OrdinalIgnoreCase);
        var response = new StringBuilder();
        foreach (var (mail, sequence) in Select(mails, set, uid))
        {
            if (seen && upper.StartsWith("+FLAGS", StringComparison.Ordinal)) await MarkSeenAsync(mail);
            else if (seen && upper.StartsWith("-FLAGS", StringComparison.Ordinal)) MarkUnseen(mail.Uid);
            else if (upper.StartsWith("FLAGS", StringComparison.Ordinal))
            {
                if (seen) await MarkSeenAsync(mail);
                else MarkUnseen(mail.Uid);
            }
            if (!silent)
                response.Append(CultureInfo.InvariantCulture, $"* {sequence} FETCH ({(uid ? $"UID {mail.Uid} " : "")}FLAGS ({(mail.Seen ? "\\Seen" : "")}))\r\n");
        }
        await WriteAsync(stream, $"{response}{tag} OK STORE completed\r\n");
    }

    private async Task MarkSeenAsync(ImapMail mail)
    {
        if (mail.Seen) return;
        if (OnSeen is { } onSeen) await onSeen(mail);
        lock (gate) mail.Seen = true;
    }

    /// <summary>The mails a sequence set (<c>1,3:5,7:*</c>) names, by UID or by message sequence number.</summary>
    private static IEnumerable<(ImapMail Mail, int Sequence)> Select(IReadOnlyList<ImapMail> mails, string set, bool uid)
    {
        var max = uid ? (mails.Count == 0 ? 0 : mails[^1].Uid) : (uint)mails.Count;
        var ranges = set.Split(',').Select(part =>
        {
            var ends = part.Split(':');
            uint Parse(string s) => s == "*" ? max : uint.Parse(s, CultureInfo.InvariantCulture);
            var a = Parse(ends[0]);
            var b = ends.Length > 1 ? Parse(ends[1]) : a;
            return (Low: Math.Min(a, b), High: Math.Max(a, b));
        }).ToList();
        for (var i = 0; i < mails.Count; i++)
        {
            var key = uid ? mails[i].Uid : (uint)(i + 1);
            if (ranges.Any(r => key >= r.Low && key <= r.High)) yield return (mails[i], i + 1);
        }
    }

    /// <summary>A command's words: atoms, quoted strings (unquoted), literals (already inlined by the reader) and parenthesized lists as one word.</summary>
    private static List<string> Tokenize(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ')
            {
                i++;
                continue;
            }
            if (line[i] == '"')
            {
                var text = new StringBuilder();
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length) i++;
                    text.Append(line[i++]);
                }
                i++;
                words.Add(text.ToString());
            }
            else if (line[i] == '(')
            {
                var depth = 0;
                var start = i;
                do
                {
                    if (line[i] == '(') depth++;
                    else if (line[i] == ')') depth--;
                    i++;
                } while (i < line.Length && depth > 0);
                words.Add(line[start..i]);
            }
            else if (line[i] == '\u0000')
            {
                // A literal the reader inlined: \0 length \0 text.
                var end = line.IndexOf('\u0000', i + 1);
                var length = int.Parse(line[(i + 1)..end], CultureInfo.InvariantCulture);
                words.Add(line.Substring(end + 1, length));
                i = end + 1 + length;
            }
            else
            {
                var start = i;
                var depth = 0;
                while (i < line.Length && (line[i] != ' ' || depth > 0))
                {
                    if (line[i] == '[') depth++;
                    else if (line[i] == ']') depth--;
                    i++;
                }
                words.Add(line[start..i]);
            }
        }
        return words;
    }

    private static void Append(MemoryStream buffer, string text) => buffer.Write(Encoding.ASCII.GetBytes(text));

    private static async Task WriteAsync(NetworkStream stream, string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Reads a client's command, answering a synchronizing literal (<c>{n}</c>) with a continuation and inlining its bytes.</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] buffer = new byte[8192];
        private int start;
        private int end;

        public async Task<string?> ReadCommandAsync(NetworkStream output, CancellationToken ct)
        {
            var command = new StringBuilder();
            while (true)
            {
                var line = await ReadLineAsync(ct);
                if (line is null) return null;
                var open = line.LastIndexOf('{');
                if (open >= 0 && line.EndsWith('}') && int.TryParse(line[(open + 1)..^1].TrimEnd('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                {
                    command.Append(line[..open]);
                    if (!line[(open + 1)..^1].EndsWith('+')) await WriteAsync(output, "+ Ready for literal\r\n");
                    var literal = await ReadBytesAsync(length, ct);
                    if (literal is null) return null;
                    command.Append('\u0000').Append(length.ToString(CultureInfo.InvariantCulture)).Append('\u0000').Append(Encoding.UTF8.GetString(literal));
                    continue;
                }
                command.Append(line);
                return command.ToString();
            }
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new List<byte>();
            while (true)
            {
                if (start == end && !await FillAsync(ct)) return null;
                var b = buffer[start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r') line.RemoveAt(line.Count - 1);
                    return Encoding.UTF8.GetString([.. line]);
                }
                line.Add(b);
            }
        }

        private async Task<byte[]?> ReadBytesAsync(int length, CancellationToken ct)
        {
            var bytes = new byte[length];
            for (var i = 0; i < length; i++)
            {
                if (start == end && !await FillAsync(ct)) return null;
                bytes[i] = buffer[start++];
            }
            return bytes;
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            start = 0;
            end = await stream.ReadAsync(buffer, ct);
            return end > 0;
        }
    }
}
