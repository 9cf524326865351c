using System.Text;
using Bengkulu112.Opds;
using Bengkulu112.Silo.Hosting;
using Xunit;

namespace Bengkulu112.Tests.Unit;

public sealed class GrainStorageSerializerTests
{
    [Fact]
    public void State_round_trips_as_plain_snake_case_json_without_type_names()
    {
        var serializer = new SystemTextJsonGrainStorageSerializer();
        var state = new OpdState { Name = "Damkar", Categories = ["fire"], BackupOpd = "bpbd", Active = true, UpdatedBy = "admin" };

        var data = serializer.Serialize(state);
        var json = Encoding.UTF8.GetString(data.ToArray());
        var back = serializer.Deserialize<OpdState>(data);

        Assert.Contains("\"backup_opd\":\"bpbd\"", json);
        Assert.DoesNotContain("$type", json);
        Assert.Equal("Damkar", back.Name);
        Assert.Equal(["fire"], back.Categories);
        Assert.Equal("bpbd", back.BackupOpd);
    }
}
