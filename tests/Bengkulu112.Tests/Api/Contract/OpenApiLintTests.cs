using System.Diagnostics;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Contract;

/// <summary>
/// The document the API serves, through the standard OpenAPI linter (Spectral's `spectral:oas` ruleset, installed by
/// ./test.sh into tools/openapi-lint): 0 errors and 0 warnings. The document is left in TestResults/openapi/v1.json.
/// </summary>
public sealed class OpenApiLintTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string LintFolder = Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint");

    [Fact]
    public async Task The_served_document_passes_the_spectral_oas_ruleset_without_a_warning()
    {
        var spectral = Path.Combine(LintFolder, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"{spectral} is missing: ./test.sh installs it (npm ci --prefix tools/openapi-lint)");

        var document = Path.Combine(RepositoryRoot.Path, "TestResults", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(document)!);
        await File.WriteAllTextAsync(document, await fixture.ClientAs(null).GetStringAsync("/openapi/v1.json"));

        var start = new ProcessStartInfo(spectral)
        {
            ArgumentList = { "lint", document, "--ruleset", Path.Combine(LintFolder, ".spectral.yaml"), "--fail-severity", "warn", "--format", "text" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = LintFolder,
        };
        using var lint = Process.Start(start)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await lint.WaitForExitAsync(timeout.Token);
        Assert.True(lint.ExitCode == 0, $"spectral found problems in {document}:\n{await output}\n{await errors}");
    }
}
