using Microsoft.Playwright;
using Xunit;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright for .NET (its driver ships inside the NuGet package, so nothing is
/// downloaded). A missing or unlaunchable browser fails the tests with what to install: never a silent skip.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    /// <summary>Where Debian's `chromium` package puts the browser; `B112_CHROMIUM` names another one.</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("B112_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Web-first assertions wait for their condition; 5 s (Playwright's default) is short on a shared 2-core machine
        // running several test classes at once. Steps keep their own 20 s (BrowserPage.StepTimeout).
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(20_000);
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}, which is missing. Install Debian's package: "
                + "`apt-get install -y chromium` (./test.sh does that itself when it runs as root), or set B112_CHROMIUM "
                + "to another Chromium executable.");
        try
        {
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
            });
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"Chromium at {ExecutablePath} could not be launched headless by Playwright: {e.Message}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
