namespace Weft.AI.Knowledge;

/// <summary>One file of an upload as the page follows it: sent from the browser block by block, then read and indexed.</summary>
internal sealed class UploadingFile(string name, long bytes)
{
    public string Name { get; } = name;

    public long Bytes { get; } = bytes;

    /// <summary>How much of it the server has received.</summary>
    public long Received { get; set; }

    /// <summary>True once it is all here, while it is read, cut into chunks and embedded.</summary>
    public bool Indexing { get; set; }

    /// <summary>What the upload did, once done: <c>created</c>, <c>replaced</c> or <c>unchanged</c>.</summary>
    public UploadResult? Result { get; set; }

    /// <summary>Why it was refused.</summary>
    public string? Error { get; set; }

    public bool Done => Result is not null || Error is not null;

    public int Percent => Bytes == 0 ? 0 : (int)(Received * 100 / Bytes);
}
