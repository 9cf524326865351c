using Microsoft.Playwright;

namespace Bengkulu112.Tests.Board;

/// <summary>
/// One browser context (its own cookies and storage) with one page on the board; collects script errors and content
/// policy violations, leaves a screenshot of its last state behind. Screenshots go to TestResults/screenshots/.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    public const float StepTimeout = 20_000;
    public static readonly ViewportSize TabletLandscape = new() { Width = 1280, Height = 800 };
    public static readonly ViewportSize TabletPortrait = new() { Width = 800, Height = 1280 };
    private static readonly string Screenshots = Path.Combine(Infrastructure.RepositoryRoot.Path, "TestResults", "screenshots");

    private readonly IBrowserContext _context;
    private readonly string _name;
    public IPage Page { get; }
    public List<string> Problems { get; } = [];

    private BrowserPage(IBrowserContext context, IPage page, string name)
    {
        _context = context;
        _name = name;
        Page = page;
        page.PageError += (_, error) => Problems.Add("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                Problems.Add("policy violation: " + message.Text);
        };
    }

    public static async Task<BrowserPage> OpenAsync(ChromiumBrowser chromium, Uri board, string name, ViewportSize? viewport = null)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = board.ToString(),
            ViewportSize = viewport ?? TabletLandscape,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(StepTimeout);
        context.SetDefaultNavigationTimeout(StepTimeout);
        return new BrowserPage(context, await context.NewPageAsync(), name);
    }

    public async Task Screenshot(string name, string? folder = null)
    {
        var directory = folder ?? Screenshots;
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever happened, leave the last state of each page behind for whoever reads a failure.
        try
        {
            await Screenshot($"last-{_name}");
        }
        catch (PlaywrightException)
        {
        }
        await _context.CloseAsync();
    }
}
