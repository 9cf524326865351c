namespace Bengkulu112.Imports;

/// <summary>The columns of a history import file (API.md "History import"): header names exactly, order free.</summary>
public static class ImportColumns
{
    public const string ReceivedAt = "received_at";
    public const string CallerNumber = "caller_number";
    public const string CallerId = "caller_id";
    public const string Channel = "channel";
    public const string Classification = "classification";
    public const string Category = "category";
    public const string Description = "description";
    public const string Address = "address";
    public const string Kecamatan = "kecamatan";
    public const string Kelurahan = "kelurahan";
    public const string Lat = "lat";
    public const string Lon = "lon";
    public const string Opd = "opd";
    public const string EscalatedAt = "escalated_at";
    public const string AcknowledgedAt = "acknowledged_at";
    public const string OnSceneAt = "on_scene_at";
    public const string ResolvedAt = "resolved_at";
    public const string ClosedAt = "closed_at";
    public const string CancelledAt = "cancelled_at";
    public const string Note = "note";

    /// <summary>Every column, in the order a row's content key takes them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ReceivedAt, CallerNumber, CallerId, Channel, Classification, Category, Description, Address, Kecamatan, Kelurahan,
        Lat, Lon, Opd, EscalatedAt, AcknowledgedAt, OnSceneAt, ResolvedAt, ClosedAt, CancelledAt, Note,
    ];

    public static readonly IReadOnlyList<string> Required = [ReceivedAt, Classification];

    /// <summary>The ticket's step times, in the order a ticket reaches them (cancelled stands apart).</summary>
    public static readonly IReadOnlyList<string> Steps = [EscalatedAt, AcknowledgedAt, OnSceneAt, ResolvedAt, ClosedAt];
}
