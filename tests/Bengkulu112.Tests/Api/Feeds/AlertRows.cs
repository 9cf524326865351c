using Bengkulu112.Feeds;
using Npgsql;

namespace Bengkulu112.Tests.Api.Feeds;

/// <summary>An alert as a test inserted it.</summary>
public sealed record InsertedAlert(long Id, string Kind, Guid TicketId, string TicketNumber, string Opd, string Deadline,
    DateTimeOffset DueAt, DateTimeOffset RaisedAt);

/// <summary>Raises alerts the way the ticket grains do: a row in `alerts`, inserted under the alerts feed lock.</summary>
public static class AlertRows
{
    /// <param name="ticketId">The ticket the alert is about (with its <paramref name="number"/>); a made-up one when null.</param>
    public static async Task<InsertedAlert> InsertAsync(string connectionString, string kind = "sla.breached",
        string deadline = "acknowledge", string opd = "damkar", Guid? ticketId = null, string? number = null)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        ticketId ??= Guid.NewGuid();
        number ??= $"BKL-2026-{Random.Shared.Next(1, 999_999):D6}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await FeedLocks.TakeAsync(connection, transaction, FeedLocks.Alerts);
        await using var command = new NpgsqlCommand("""
            INSERT INTO alerts (dedupe_key, kind, ticket_id, ticket_number, opd, deadline, due_at, raised_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            RETURNING id
            """, connection, transaction);
        command.Parameters.AddWithValue($"{ticketId}:{deadline}:{kind}");
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(ticketId);
        command.Parameters.AddWithValue(number);
        command.Parameters.AddWithValue(opd);
        command.Parameters.AddWithValue(deadline);
        command.Parameters.AddWithValue(now.AddMinutes(-1));
        command.Parameters.AddWithValue(now);
        var id = (long)(await command.ExecuteScalarAsync())!;
        await transaction.CommitAsync();
        return new InsertedAlert(id, kind, ticketId.Value, number, opd, deadline, now.AddMinutes(-1), now);
    }
}
