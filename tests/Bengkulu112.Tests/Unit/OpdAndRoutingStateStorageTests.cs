using Bengkulu112.Opds;
using Bengkulu112.Routing;
using Bengkulu112.Silo.Hosting;
using Bengkulu112.Tickets;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class OpdAndRoutingStateStorageTests
{
    private readonly SystemTextJsonGrainStorageSerializer serializer = new();

    [Fact]
    public void An_OPD_row_stored_with_the_former_ticket_list_still_reads()
    {
        // Rows written before the list moved to the tickets table carry `open_tickets` and `ticket_versions`.
        var json = """
            {"name":"Dinkes","categories":["ambulance"],"backup_opd":null,"active":true,
             "created_at":"2026-11-01T00:00:00+00:00","updated_at":"2026-11-01T00:00:00+00:00","updated_by":"admin",
             "open_tickets":{"8c7d5a64-9d4e-4a8e-9f59-6f4f1f0f3f11":{"ticket_id":"8c7d5a64-9d4e-4a8e-9f59-6f4f1f0f3f11"}},
             "ticket_versions":{"8c7d5a64-9d4e-4a8e-9f59-6f4f1f0f3f11":5}}
            """;

        var back = serializer.Deserialize<OpdState>(new BinaryData(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal("Dinkes", back.Name);
        Assert.Equal(["ambulance"], back.Categories);
        Assert.True(back.Active);
    }

    [Fact]
    public void Routing_rules_with_their_deadlines_round_trip()
    {
        var state = new RoutingState { UpdatedBy = "admin" };
        foreach (var rule in DefaultRouting.Rules)
            state.Rules[rule.Category] = rule;

        var back = serializer.Deserialize<RoutingState>(serializer.Serialize(state));

        Assert.Equal(12, back.Rules.Count);
        var fire = back.Rules["fire"];
        Assert.Equal(("damkar", Priority.P1, TimeSpan.FromHours(4)), (fire.PrimaryOpd, fire.Priority, fire.Deadlines.Resolve));
        Assert.Equal(["dinkes"], fire.SupportingOpds);
        Assert.Equal(SlaDeadlines.For(Priority.P3), back.Rules["other"].Deadlines);
        Assert.Null(back.Rules["other"].PrimaryOpd);
    }

    [Fact]
    public void A_routing_row_written_with_priorities_as_numbers_still_reads()
    {
        // Rows written before ticket and grain state shared one JSON format carry enums as numbers.
        var json = """
            {"rules":{"fire":{"category":"fire","priority":1,"primary_opd":"damkar","supporting_opds":["dinkes"],
             "deadlines":{"acknowledge":"00:02:00","on_scene":"00:15:00","resolve":"04:00:00"}}},
             "updated_at":"2026-11-01T00:00:00+00:00","updated_by":"admin"}
            """;

        var back = serializer.Deserialize<RoutingState>(new BinaryData(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(Priority.P1, back.Rules["fire"].Priority);
        Assert.Contains("\"priority\":\"p1\"", System.Text.Encoding.UTF8.GetString(serializer.Serialize(back).ToArray()));
    }

    [Fact]
    public void A_caller_row_written_with_classification_names_as_keys_still_reads()
    {
        var json = """{"total_calls":3,"counts":{"Prank":2,"WrongNumber":1},"calls":[],"flag":null}""";

        var back = serializer.Deserialize<Bengkulu112.Callers.CallerState>(new BinaryData(System.Text.Encoding.UTF8.GetBytes(json)));

        Assert.Equal(2, back.Counts[Bengkulu112.Calls.Classification.Prank]);
        Assert.Equal(1, back.Counts[Bengkulu112.Calls.Classification.WrongNumber]);
    }
}
