using System.Diagnostics;
using System.Text.Json.Nodes;
using Bengkulu112.Tests.Infrastructure;
using Xunit;

namespace Bengkulu112.Tests.Api.Contract;

/// <summary>
/// The document the API serves, through the standard OpenAPI linter (Spectral's `spectral:oas` ruleset, installed by
/// ./test.sh into tools/openapi-lint): 0 errors and 0 warnings. The document is left in TestResults/openapi/v1.json.
/// The published copy, docs/openapi/v1.json (consumers' and the generated test client's input), must be the same.
/// </summary>
public sealed class OpenApiLintTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string LintFolder = Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint");

    private static readonly string Published = Path.Combine(RepositoryRoot.Path, "docs", "openapi", "v1.json");

    [Fact]
    public async Task The_published_document_is_the_one_the_API_serves()
    {
        var served = await fixture.ClientAs(null).GetStringAsync("/openapi/v1.json");
        if (Environment.GetEnvironmentVariable("B112_UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(Published, served.ReplaceLineEndings("\n") + "\n");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(await File.ReadAllTextAsync(Published))),
            "docs/openapi/v1.json differs from the served document: refresh it with " +
            "B112_UPDATE_OPENAPI=1 ./test.sh --filter FullyQualifiedName~OpenApiLintTests and review the diff");
    }

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
