using Bengkulu112.Tests.Api.Webhooks;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// The board fixture with a local webhook receiver and fast webhook timings on the silos (their allow-list names the
/// receiver's loopback address), so the admin's screens can add a webhook and watch its deliveries.
/// </summary>
public sealed class AdminBoardFixture : BoardApiFixture
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    protected override void ConfigureSilo(ISiloBuilder silo) => WebhookFixture.FastWebhooks(silo);

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
